using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Provisioner.Ui.Tests.Browser.Pages;
using static Microsoft.Playwright.Assertions;

namespace Provisioner.Ui.Tests.Browser;

/// <summary>
/// A fresh browser context and page on the runner's UI that records every console error, page error
/// and failed request, so a test can assert the page stayed clean.
/// </summary>
public sealed partial class UiSession : IAsyncDisposable
{
    /// <summary>Desktop and phone viewports the screenshots are taken at.</summary>
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };

    public static readonly ViewportSize Phone = new() { Width = 375, Height = 812 };

    private const string HttpErrorLog = "Failed to load resource: the server responded with a status of ";

    private readonly ConcurrentQueue<string> problems = new();
    private readonly ConcurrentDictionary<(int Status, string Path), int> expectedHttpErrors = new();

    private UiSession(IBrowserContext context, IPage page, Uri baseUrl)
    {
        Context = context;
        Page = page;
        BaseUrl = baseUrl;
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning" && !IsExpectedHttpError(message))
            {
                problems.Enqueue($"console {message.Type}: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => problems.Enqueue($"page error: {error}");
        page.RequestFailed += (_, request) => problems.Enqueue($"request failed: {request.Method} {request.Url}: {request.Failure}");
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public Uri BaseUrl { get; }

    /// <summary>Everything that went wrong in the page so far.</summary>
    public IReadOnlyCollection<string> Problems => problems.ToArray();

    public static async Task<UiSession> StartAsync(BrowserFixture fixture, ViewportSize? viewport = null)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport ?? Desktop, Locale = "en-GB", TimezoneId = "Europe/Berlin" });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        return new UiSession(context, page, fixture.Runner.BaseUrl);
    }

    /// <summary>Opens a path of the runner (e.g. <c>/</c> or <c>api/ui/provisions.html</c>).</summary>
    public async Task OpenAsync(string path)
    {
        var response = await Page.GotoAsync(new Uri(BaseUrl, path).ToString());
        Assert.True(response?.Ok, $"GET {path} answered {response?.Status}.");
    }

    /// <summary>Opens the request form and waits until its templates have loaded.</summary>
    public async Task<RequestForm> OpenRequestFormAsync()
    {
        await OpenAsync("api/ui/");
        var form = new RequestForm(Page);
        await Expect(form.Template).ToBeEnabledAsync();
        return form;
    }

    /// <summary>Opens a provision's status page, which starts following it at once.</summary>
    public async Task<StatusPage> OpenStatusPageAsync(string provisionId)
    {
        await OpenAsync($"api/ui/provision.html?id={provisionId}");
        return new StatusPage(Page);
    }

    /// <summary>
    /// Declares an API error answer the test provokes on purpose (e.g. the 400 of an invalid domain):
    /// Chromium logs every 4xx/5xx response as a console error, and only these are not the page's fault.
    /// <see cref="AssertClean"/> then also requires that it happened.
    /// </summary>
    public void ExpectHttpError(int status, string path) => expectedHttpErrors.TryAdd((status, path), 0);

    /// <summary>
    /// Waits until the page's address starts with <paramref name="pathAndQuery"/> under the runner (e.g.
    /// <c>api/ui/provision.html?id=prv-</c>). It reads the address again and again rather than waiting for a
    /// navigation event, which a navigation starting before the wait could slip past.
    /// </summary>
    public async Task WaitForPageAsync(string pathAndQuery)
    {
        var expected = new Uri(BaseUrl, pathAndQuery).ToString();
        try
        {
            await Expect(Page).ToHaveURLAsync(new Regex("^" + Regex.Escape(expected)), new() { Timeout = 15_000 });
        }
        catch (PlaywrightException failure)
        {
            var shown = await Page.EvaluateAsync<string>("() => [...document.querySelectorAll('[role=alert], [role=status]')].map(e => e.innerText).join(' | ')");
            throw new TimeoutException($"Still at {Page.Url} instead of {expected}…. The page shows: {shown}. Problems: {string.Join("; ", problems)}", failure);
        }
    }

    /// <summary>Fails with every console error, page error and failed request, and any declared HTTP error that never came.</summary>
    public void AssertClean()
    {
        Assert.True(problems.IsEmpty, "The page reported problems:\n" + string.Join("\n", problems));
        var missing = expectedHttpErrors.Where(e => e.Value == 0).Select(e => $"{e.Key.Status} {e.Key.Path}").ToList();
        Assert.True(missing.Count == 0, "Expected API errors that never came: " + string.Join(", ", missing));
    }

    private bool IsExpectedHttpError(IConsoleMessage message)
    {
        if (!message.Text.StartsWith(HttpErrorLog, StringComparison.Ordinal) ||
            !int.TryParse(message.Text.AsSpan(HttpErrorLog.Length, 3), out var status) ||
            !Uri.TryCreate(LineAndColumn().Replace(message.Location, string.Empty), UriKind.Absolute, out var url))
        {
            return false;
        }

        var key = (status, url.AbsolutePath);
        if (!expectedHttpErrors.ContainsKey(key))
        {
            return false;
        }

        expectedHttpErrors.AddOrUpdate(key, 1, (_, seen) => seen + 1);
        return true;
    }

    /// <summary>Saves a full-page screenshot as artifacts/screenshots/{name}.png.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <summary>Screenshots at phone width (375x812) and desktop width (1280x800): {name}-phone.png and {name}-desktop.png.</summary>
    public async Task ScreenshotsAsync(string name)
    {
        var before = Page.ViewportSize ?? new PageViewportSizeResult { Width = Desktop.Width, Height = Desktop.Height };
        await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await ScreenshotAsync(name + "-phone");
        await Page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);
        await ScreenshotAsync(name + "-desktop");
        await Page.SetViewportSizeAsync(before.Width, before.Height);
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();

    [GeneratedRegex(@":\d+:\d+$")]
    private static partial Regex LineAndColumn();
}
