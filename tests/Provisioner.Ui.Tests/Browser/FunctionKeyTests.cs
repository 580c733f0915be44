using System.Collections.Concurrent;
using Microsoft.Playwright;
using Provisioner.Ui.Tests.Browser.Pages;
using static Microsoft.Playwright.Assertions;

namespace Provisioner.Ui.Tests.Browser;

/// <summary>
/// The Functions host asks every API call for a function key (it cannot run here): the test puts that
/// rule in front of the runner's API (401 without the key, as the host answers) and checks the page
/// asks for the key, keeps it in the tab's session, sends it as the x-functions-key header and nowhere else.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FunctionKeyTests(BrowserFixture fixture)
{
    private const string Key = "test-function-key-Zq9";

    [Fact]
    public async Task A_401_explains_how_to_get_the_key_and_the_key_travels_only_as_a_header()
    {
        await using var ui = await UiSession.StartAsync(fixture);
        var apiCalls = new ConcurrentQueue<(string Url, string? Key)>();
        await ui.Page.RouteAsync(url => new Uri(url).AbsolutePath.StartsWith("/api/", StringComparison.Ordinal) && !new Uri(url).AbsolutePath.StartsWith("/api/ui/", StringComparison.Ordinal), async route =>
        {
            var key = await route.Request.HeaderValueAsync("x-functions-key");
            apiCalls.Enqueue((route.Request.Url, key));
            if (key == Key)
            {
                await route.ContinueAsync();
            }
            else
            {
                await route.FulfillAsync(new() { Status = 401 });
            }
        });
        ui.ExpectHttpError(401, "/api/templates");
        await ui.OpenAsync("api/ui/");
        var form = new RequestForm(ui.Page);
        var keyButton = ui.Page.GetByRole(AriaRole.Button, new() { Name = "Function key", Exact = true });

        await Expect(form.Summary).ToContainTextAsync("The API needs a function key.");
        await Expect(form.Summary).ToContainTextAsync("az functionapp keys list");
        await Expect(keyButton).ToBeHiddenAsync();
        await form.Summary.GetByRole(AriaRole.Button, new() { Name = "Enter the function key" }).ClickAsync();
        var dialog = ui.Page.GetByRole(AriaRole.Dialog, new() { Name = "Function key" });
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.GetByLabel("Function key")).ToBeFocusedAsync();
        await ui.ScreenshotsAsync("function-key-dialog");
        await ui.Page.Keyboard.TypeAsync(Key);
        await ui.Page.Keyboard.PressAsync("Enter");

        await Expect(dialog).ToBeHiddenAsync();
        await Expect(form.Summary).ToBeHiddenAsync();
        await Expect(form.Template).ToHaveValueAsync("static-site");
        await Expect(keyButton).ToBeVisibleAsync();
        await form.FillAsync(RunnerApi.UniqueDomain("keyed"), "frontend", "static-site");
        await form.Provision.ClickAsync();
        var status = new StatusPage(ui.Page);
        await status.WaitForStatusAsync("Awaiting approval");

        Assert.Equal(Key, await ui.Page.EvaluateAsync<string>("() => sessionStorage.getItem('provisioner.functionKey')"));
        Assert.Null(await ui.Page.EvaluateAsync<string?>("() => localStorage.getItem('provisioner.functionKey')"));
        Assert.Contains(apiCalls, call => call.Url.Contains("/api/provisions/prv-", StringComparison.Ordinal) && call.Key == Key);
        Assert.All(apiCalls, call => Assert.DoesNotContain(Key, call.Url, StringComparison.Ordinal));
        Assert.DoesNotContain(Key, ui.Page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, await ui.Page.ContentAsync(), StringComparison.Ordinal);

        // Forgetting the key on the status page: the page looks again, without it, and says what it needs.
        ui.ExpectHttpError(401, "/api/sandbox");
        ui.ExpectHttpError(401, $"/api/provisions/{status.ProvisionId}");
        await keyButton.ClickAsync();
        await Expect(dialog.GetByLabel("Function key")).ToHaveValueAsync(Key);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Forget the key" }).ClickAsync();
        await Expect(keyButton).ToBeHiddenAsync();
        Assert.Null(await ui.Page.EvaluateAsync<string?>("() => sessionStorage.getItem('provisioner.functionKey')"));
        await Expect(status.Problem).ToContainTextAsync("The API needs a function key.");
        ui.AssertClean();
    }
}
