using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Provisioner.Local;
using Provisioner.Simulators.GitHub;

namespace Provisioner.Ui.Tests.Browser;

/// <summary>
/// One headless Chromium (Debian's, driven by Playwright) and one local runner for the browser tests:
/// the real API and durable engine with the whole sandbox (GitHub, Jenkins, Kubernetes, the ingress
/// controller) on 127.0.0.1, on free ports.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium; Playwright's own browser download is not reachable here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public LocalRunner Runner { get; private set; } = null!;

    /// <summary>The sandbox's GitHub simulator, where the provisions' pull requests are.</summary>
    public GitHubSimulator GitHub => Runner.Sandbox!.GitHubSimulator!;

    /// <summary>Where screenshots go: artifacts/screenshots under the test output folder.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        await DebianPackages.EnsureAsync("chromium", ChromiumPath);
        Runner = await LocalRunner.StartAsync(new LocalRunnerOptions { Port = 0, ReadAmbientSettings = false }, logging => logging.SetMinimumLevel(LogLevel.None));
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);

        // Two cores, a browser, a durable engine and the tests themselves: allow assertions more than Playwright's 5 s.
        Assertions.SetDefaultExpectTimeout(10_000);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (Runner is not null)
        {
            await Runner.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
