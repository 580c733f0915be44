using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Provisioner.Ui.Tests.Browser;

/// <summary>The runner's API over HTTP, for setting up what a page then shows.</summary>
public sealed class RunnerApi(BrowserFixture fixture) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = fixture.Runner.BaseUrl };

    /// <summary>A domain no other test uses: <c>{label}-{8 hex}.example.com</c>.</summary>
    public static string UniqueDomain(string label) => $"{label}-{Guid.NewGuid():N}"[..(label.Length + 9)] + ".example.com";

    public async Task<string> StartAsync(string domain, string appType = "frontend", string templateId = "static-site")
    {
        using var response = await http.PostAsJsonAsync("api/provisions", new { domain, app_type = appType, template_id = templateId });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (string)(await response.Content.ReadFromJsonAsync<JsonNode>())!["provision_id"]!;
    }

    /// <summary>Waits, with a deadline, until the provision reaches <paramref name="status"/>; fails with the last status seen.</summary>
    public async Task WaitForStatusAsync(string id, string status)
    {
        string? last = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            last = (string?)(await http.GetFromJsonAsync<JsonNode>($"api/provisions/{id}"))!["status"];
            if (last == status)
            {
                return;
            }
        }

        Assert.Fail($"Provision {id} did not reach {status} within 30 s; last seen {last}.");
    }

    public void Dispose() => http.Dispose();
}
