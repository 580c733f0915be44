using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Provisioner.Ui.Tests.Browser.Pages;

/// <summary>The status page of one provision.</summary>
public sealed class StatusPage(IPage page)
{
    /// <summary>How long the pipeline may take to reach a state in these tests: the sandbox's build and rollout take seconds, on a busy machine more.</summary>
    public static readonly float PipelineTimeout = 60_000;

    public ILocator Status => page.Locator("#status");

    public ILocator Timeline => page.Locator("#timeline");

    public ILocator Approve => page.GetByRole(AriaRole.Button, new() { Name = "Approve as DevOps (merge the PR)" });

    public ILocator Reject => page.GetByRole(AriaRole.Button, new() { Name = "Reject (close the PR)" });

    public ILocator Cancel => page.GetByRole(AriaRole.Button, new() { Name = "Cancel provision" });

    public ILocator CancelDialog => page.GetByRole(AriaRole.Dialog, new() { Name = "Cancel this provision?" });

    public ILocator ActionResult => page.Locator("#action-result");

    public ILocator Failure => page.Locator("#failure");

    public ILocator Problem => page.Locator("#problem");

    public ILocator Links => page.Locator("#link-list");

    public ILocator Step(string name) => page.Locator($"#timeline li[data-step=\"{name}\"]");

    public string ProvisionId => new Uri(page.Url).Query.Split("id=")[1];

    /// <summary>Waits, with the pipeline's deadline, until the status line shows <paramref name="label"/>.</summary>
    public Task WaitForStatusAsync(string label) =>
        Expect(Status).ToHaveTextAsync($"Status: {label}", new() { Timeout = PipelineTimeout });

    public Task WaitForStepAsync(string name, string outcome) =>
        Expect(Step(name)).ToHaveAttributeAsync("data-outcome", outcome, new() { Timeout = PipelineTimeout });
}
