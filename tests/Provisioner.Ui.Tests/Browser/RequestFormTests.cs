using Microsoft.Playwright;
using Provisioner.Local;
using Provisioner.Ui.Tests.Browser.Pages;
using static Microsoft.Playwright.Assertions;

namespace Provisioner.Ui.Tests.Browser;

/// <summary>The request form against the real runner: templates by app type, preview, the API's errors where they belong, the keyboard.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RequestFormTests(BrowserFixture fixture) : IDisposable
{
    private readonly RunnerApi api = new(fixture);

    [Fact]
    public async Task Templates_follow_the_app_type_and_show_their_description_and_parameters()
    {
        await using var ui = await UiSession.StartAsync(fixture);
        var form = await ui.OpenRequestFormAsync();

        await Expect(form.Template.Locator("option")).ToHaveTextAsync(["Static site (static-site)"]);
        await Expect(form.TemplateDetails).ToContainTextAsync("A static website served by nginx");
        await Expect(form.TemplateDetails).ToContainTextAsync("page_titleTitle and heading of the starter page. Default: Coming soon");

        await form.AppType("Backend").CheckAsync();

        await Expect(form.Template.Locator("option")).ToHaveTextAsync([".NET minimal API (dotnet-api)"]);
        await Expect(form.TemplateDetails).ToContainTextAsync("An ASP.NET Core minimal API");
        await Expect(form.TemplateDetails).ToContainTextAsync("greeting");
        ui.AssertClean();
    }

    [Fact]
    public async Task Preview_shows_the_pull_requests_files_and_the_Ingress_and_starts_nothing()
    {
        await using var ui = await UiSession.StartAsync(fixture);
        var form = await ui.OpenRequestFormAsync();
        var gitHubCalls = fixture.Runner.GitHub!.Log.ApiCalls.Count;

        await form.FillAsync("preview.example.com", "frontend", "static-site");
        await form.Preview.ClickAsync();

        await Expect(form.PreviewSection).ToBeVisibleAsync();
        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Preview", Exact = true })).ToBeFocusedAsync();
        await Expect(form.PreviewSection.GetByRole(AriaRole.Heading, new() { Name = "Files in the pull request" })).ToHaveTextAsync("Files in the pull request (in sites/preview.example.com/)");
        var file = form.PreviewSection.Locator("details").Filter(new() { Has = ui.Page.Locator("summary code", new() { HasTextString = "k8s/deployment.yaml" }) });
        await Expect(file.Locator("pre")).ToBeHiddenAsync();
        await file.Locator("summary").ClickAsync();
        await Expect(file.Locator("pre")).ToContainTextAsync("kind: Deployment");
        await Expect(form.PreviewSection.Locator("pre[aria-label='Ingress manifest']")).ToContainTextAsync("kind: Ingress");
        await Expect(form.PreviewSection).ToContainTextAsync("preview-example-com");
        Assert.Equal(gitHubCalls, fixture.Runner.GitHub!.Log.ApiCalls.Count);
        await ui.ScreenshotsAsync("request-form-preview");
        ui.AssertClean();
    }

    [Fact]
    public async Task A_domain_with_a_provision_running_says_so_and_links_to_it()
    {
        var domain = RunnerApi.UniqueDomain("busy");
        var running = await api.StartAsync(domain);
        await using var ui = await UiSession.StartAsync(fixture);
        var form = await ui.OpenRequestFormAsync();
        ui.ExpectHttpError(409, "/api/provisions");

        await form.FillAsync(domain, "frontend", "static-site");
        await form.Provision.ClickAsync();

        await Expect(form.Summary).ToBeVisibleAsync();
        await Expect(form.Summary).ToBeFocusedAsync();
        await Expect(form.Summary.GetByRole(AriaRole.Heading)).ToHaveTextAsync("A provision of this domain is already running.");
        await form.Summary.GetByRole(AriaRole.Link, new() { Name = $"Follow provision {running}" }).ClickAsync();
        await ui.WaitForPageAsync($"api/ui/provision.html?id={running}");
        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = domain })).ToBeVisibleAsync();
        ui.AssertClean();
    }

    [Fact]
    public async Task Errors_of_several_fields_show_at_each_field_and_the_first_takes_focus()
    {
        await using var ui = await UiSession.StartAsync(fixture);
        var form = await ui.OpenRequestFormAsync();
        ui.ExpectHttpError(400, "/api/provisions/preview");

        // A page can only send templates of the chosen type; an old tab whose catalog changed can send an unknown one.
        await form.Template.EvaluateAsync("select => { select.add(new Option('Gone', 'gone-template')); select.value = 'gone-template'; }");
        await form.Preview.ClickAsync();

        await Expect(form.DomainError).ToContainTextAsync("domain is empty.");
        await Expect(ui.Page.Locator("#template_id-error")).ToContainTextAsync("No template has the id 'gone-template'.");
        await Expect(form.Template).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(form.Domain).ToBeFocusedAsync();
        await Expect(form.Summary).ToBeHiddenAsync();
        await Expect(form.PreviewSection).ToBeHiddenAsync();
        ui.AssertClean();
    }

    [Fact]
    public async Task The_form_can_be_filled_and_sent_with_the_keyboard_alone_and_focus_is_always_visible()
    {
        await using var ui = await UiSession.StartAsync(fixture);
        var form = await ui.OpenRequestFormAsync();
        var domain = RunnerApi.UniqueDomain("keys");

        await ui.Page.Keyboard.PressAsync("Tab");
        await Expect(ui.Page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeFocusedAsync();
        await AssertFocusVisibleAsync(ui.Page);
        await ui.Page.Keyboard.PressAsync("Enter");
        await TabUntilFocusedAsync(ui.Page, form.Domain);
        await ui.Page.Keyboard.TypeAsync(domain);
        await ui.Page.Keyboard.PressAsync("Tab");
        await Expect(form.AppType("Frontend")).ToBeFocusedAsync();
        await AssertFocusVisibleAsync(ui.Page);
        await ui.Page.Keyboard.PressAsync("ArrowRight");
        await Expect(form.AppType("Backend")).ToBeCheckedAsync();
        await ui.Page.Keyboard.PressAsync("Tab");
        await Expect(form.Template).ToBeFocusedAsync();
        await AssertFocusVisibleAsync(ui.Page);
        await Expect(form.Template).ToHaveValueAsync("dotnet-api");
        await ui.Page.Keyboard.PressAsync("Tab");
        await Expect(form.Provision).ToBeFocusedAsync();
        await AssertFocusVisibleAsync(ui.Page);
        await ui.Page.Keyboard.PressAsync("Enter");

        await ui.WaitForPageAsync("api/ui/provision.html?id=prv-");
        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = domain })).ToBeVisibleAsync();
        await new StatusPage(ui.Page).WaitForStatusAsync("Awaiting approval");
        ui.AssertClean();
    }

    private static async Task TabUntilFocusedAsync(IPage page, ILocator target)
    {
        for (var presses = 0; presses < 10; presses++)
        {
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement"))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        await Expect(target).ToBeFocusedAsync();
    }

    /// <summary>The focused element draws an outline (the stylesheet's :focus-visible ring), so a keyboard user sees where they are.</summary>
    private static async Task AssertFocusVisibleAsync(IPage page)
    {
        var outline = await page.EvaluateAsync<string>("() => { const s = getComputedStyle(document.activeElement); return `${s.outlineStyle} ${s.outlineWidth}`; }");
        Assert.Equal("solid 3px", outline);
    }

    public void Dispose() => api.Dispose();
}
