using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Provisioner.Ui.Tests.Browser.Pages;
using static Microsoft.Playwright.Assertions;

namespace Provisioner.Ui.Tests.Browser;

/// <summary>
/// Every member of the wire shapes the status page reads (failure evidence, ingress and probe, the
/// sandbox's ingress URL template), given exactly — more than one real provision shows at once (the
/// journey test shows what the sandbox's pipeline gives). The browser and the page are real; only
/// these two API answers are set by the test.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WireShapeTests(BrowserFixture fixture)
{
    private const string Id = "prv-0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task A_failed_rollout_shows_the_step_cause_remedy_and_its_evidence_console_pods_and_events()
    {
        await using var ui = await UiSession.StartAsync(fixture);
        await ServeAsync(ui.Page, Provision("Failed", ["pull_request:Succeeded", "approval:Succeeded", "build:Succeeded", "rollout:Failed"], failure: new JsonObject
        {
            ["step"] = "rollout",
            ["cause"] = "The Deployment shop-example-com did not become available: ImagePullBackOff.",
            ["remedy"] = "Check that the image exists in the registry and that the cluster may pull it.",
            ["evidence"] = new JsonObject
            {
                ["build_url"] = "http://127.0.0.1:9/job/sites/job/shop-example-com/3/",
                ["result"] = "SUCCESS",
                ["console_tail"] = new JsonArray("[Pipeline] stage (Deploy)", "kubectl apply -f k8s/", "deployment.apps/shop-example-com configured"),
                ["pods"] = new JsonArray(new JsonObject
                {
                    ["name"] = "shop-example-com-7d9c-abcde", ["phase"] = "Pending", ["container"] = "site",
                    ["reason"] = "ImagePullBackOff", ["message"] = "Back-off pulling image \"registry.example.com/sites/shop:3\"", ["restart_count"] = 0,
                }),
                ["events"] = new JsonArray(new JsonObject
                {
                    ["object"] = "Pod/shop-example-com-7d9c-abcde", ["reason"] = "Failed", ["message"] = "Failed to pull image: not found",
                    ["count"] = 4, ["last_seen"] = "2026-11-24T10:15:00Z",
                }),
            },
        }));

        var status = await ui.OpenStatusPageAsync(Id);
        await status.WaitForStatusAsync("Failed");
        await Expect(ui.Page.GetByTestId("failure-step")).ToHaveTextAsync("Rollout");
        await Expect(ui.Page.GetByTestId("failure-cause")).ToHaveTextAsync("The Deployment shop-example-com did not become available: ImagePullBackOff.");
        await Expect(ui.Page.GetByTestId("failure-remedy")).ToContainTextAsync("Check that the image exists");
        await Expect(status.Failure.GetByRole(AriaRole.Link, new() { Name = "http://127.0.0.1:9/job/sites/job/shop-example-com/3/" })).ToBeVisibleAsync();
        await Expect(status.Failure).ToContainTextAsync("ended SUCCESS");
        await Expect(status.Failure.Locator("pre.console")).ToHaveTextAsync("[Pipeline] stage (Deploy)\nkubectl apply -f k8s/\ndeployment.apps/shop-example-com configured");
        var pods = status.Failure.GetByRole(AriaRole.Table, new() { Name = "Pods" });
        await Expect(pods.GetByRole(AriaRole.Row).Nth(1)).ToHaveTextAsync("shop-example-com-7d9c-abcdePendingsiteImagePullBackOffBack-off pulling image \"registry.example.com/sites/shop:3\"0");
        var events = status.Failure.GetByRole(AriaRole.Table, new() { Name = "Events" });
        await Expect(events.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("Pod/shop-example-com-7d9c-abcdeFailedFailed to pull image: not found4");
        await Expect(events.Locator("time")).ToHaveAttributeAsync("title", "2026-11-24 10:15:00 UTC");
        await Expect(status.Step("rollout")).ToHaveAttributeAsync("data-outcome", "Failed");
        await Expect(status.Step("ingress")).ToHaveAttributeAsync("data-outcome", "NotReached");
        await ui.ScreenshotsAsync("status-failed-with-evidence");
        ui.AssertClean();
    }

    [Fact]
    public async Task A_completed_provision_shows_its_links_the_ingress_and_its_probe_and_opens_in_the_sandbox()
    {
        await using var ui = await UiSession.StartAsync(fixture);
        var provision = Provision("Completed", ["pull_request:Succeeded", "approval:Succeeded", "build:Succeeded", "rollout:Succeeded", "ingress:Succeeded"]);
        provision["links"]!["build_url"] = "http://127.0.0.1:9/job/sites/job/shop-example-com/3/";
        provision["links"]!["live_url"] = "https://shop.example.com/";
        provision["ingress"] = new JsonObject
        {
            ["name"] = "shop-example-com",
            ["address"] = "10.0.0.7",
            ["probe"] = new JsonObject { ["reachable"] = true, ["status_code"] = 200, ["dns_resolves"] = false, ["detail"] = "Answered 200 through the ingress address; DNS does not point there yet." },
        };
        await ServeAsync(ui.Page, provision, sandboxIngress: "http://{domain}.localhost:18080/");

        var status = await ui.OpenStatusPageAsync(Id);
        await status.WaitForStatusAsync("Completed");
        await Expect(status.Links.GetByRole(AriaRole.Link, new() { Name = "Jenkins build" })).ToHaveAttributeAsync("href", "http://127.0.0.1:9/job/sites/job/shop-example-com/3/");
        await Expect(status.Links.GetByRole(AriaRole.Link, new() { Name = "Live site: https://shop.example.com/" })).ToHaveAttributeAsync("href", "https://shop.example.com/");
        await Expect(status.Links.GetByRole(AriaRole.Link, new() { Name = "Open in the sandbox" })).ToHaveAttributeAsync("href", "http://shop.example.com.localhost:18080/");
        await Expect(status.Step("live")).ToHaveAttributeAsync("data-outcome", "Succeeded");
        await Expect(status.Step("live")).ToContainTextAsync("DNS does not point there yet.");
        var ingress = ui.Page.Locator("#ingress");
        await Expect(ingress).ToContainTextAsync("Nameshop-example-com");
        await Expect(ingress).ToContainTextAsync("Address10.0.0.7");
        await Expect(ingress).ToContainTextAsync("Answersyes (HTTP 200)");
        await Expect(ingress).ToContainTextAsync("DNS resolvesno");
        await Expect(status.Cancel).ToBeHiddenAsync();
        await Expect(status.Approve).ToBeHiddenAsync();
        await ui.ScreenshotsAsync("status-completed");
        ui.AssertClean();
    }

    [Fact]
    public async Task A_link_that_is_not_a_web_address_stays_text()
    {
        await using var ui = await UiSession.StartAsync(fixture);
        var provision = Provision("AwaitingApproval", ["pull_request:Succeeded", "approval:Running"]);
        provision["links"]!["pr_url"] = "javascript:alert(document.domain)";
        await ServeAsync(ui.Page, provision);

        var status = await ui.OpenStatusPageAsync(Id);

        await status.WaitForStatusAsync("Awaiting approval");
        await Expect(status.Links).ToContainTextAsync("javascript:alert(document.domain)");
        await Expect(status.Links.GetByRole(AriaRole.Link)).ToHaveCountAsync(0);
        ui.AssertClean();
    }

    private static JsonObject Provision(string status, string[] steps, JsonObject? failure = null)
    {
        var start = new DateTime(2026, 11, 24, 10, 0, 0, DateTimeKind.Utc);
        var timeline = new JsonArray();
        for (var i = 0; i < steps.Length; i++)
        {
            var (name, outcome) = (steps[i].Split(':')[0], steps[i].Split(':')[1]);
            timeline.Add(new JsonObject
            {
                ["name"] = name,
                ["outcome"] = outcome,
                ["started_at"] = start.AddMinutes(i).ToString("O"),
                ["ended_at"] = start.AddMinutes(i).AddSeconds(30 + i).ToString("O"),
                ["detail"] = $"{name} {outcome.ToLowerInvariant()}.",
            });
        }

        return new JsonObject
        {
            ["provision_id"] = Id,
            ["domain"] = "shop.example.com",
            ["app_type"] = "frontend",
            ["template_id"] = "static-site",
            ["status"] = status,
            ["created_at"] = start.ToString("O"),
            ["last_updated_at"] = start.AddMinutes(steps.Length).ToString("O"),
            ["timeline"] = timeline,
            ["links"] = new JsonObject { ["self"] = $"http://127.0.0.1/api/provisions/{Id}", ["pr_url"] = "http://127.0.0.1:9/contoso/sites/pull/7" },
            ["pull_request_opened_via"] = "mcp",
            ["failure"] = failure,
        };
    }

    private static async Task ServeAsync(IPage page, JsonObject provision, string? sandboxIngress = null)
    {
        await page.RouteAsync($"**/api/provisions/{Id}", route => route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = provision.ToJsonString() }));
        if (sandboxIngress is not null)
        {
            var sandbox = new JsonObject
            {
                ["github"] = new JsonObject { ["api_url"] = "http://127.0.0.1:9/api/v3/", ["owner"] = "contoso", ["repo"] = "sites", ["reviewer_token"] = "reviewer" },
                ["ingress"] = new JsonObject { ["url_template"] = sandboxIngress },
            };
            await page.RouteAsync("**/api/sandbox", route => route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = sandbox.ToJsonString() }));
        }
    }
}
