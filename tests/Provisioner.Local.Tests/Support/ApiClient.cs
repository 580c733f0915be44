using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Provisioner.Local.Tests.Support;

/// <summary>The runner's API as the tests call it over real HTTP.</summary>
internal static class ApiClient
{
    private static readonly HashSet<string> Ends = new(StringComparer.Ordinal) { "Completed", "Failed", "Rejected", "ApprovalExpired", "Cancelled" };

    /// <summary>POSTs a provision and returns its id, asserting the 202.</summary>
    public static async Task<string> StartProvisionAsync(this HttpClient http, string domain, string appType = "frontend", string templateId = "static-site")
    {
        using var response = await http.PostAsJsonAsync("api/provisions", new { domain, app_type = appType, template_id = templateId });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["provision_id"]!;
    }

    /// <summary>Polls the provision until it reaches <paramref name="status"/>.</summary>
    public static Task<JsonNode> WaitForStatusAsync(this HttpClient http, string id, string status) =>
        Eventually.WaitAsync(
            $"Provision {id} reaching {status}",
            async () => JsonNode.Parse(await http.GetStringAsync($"api/provisions/{id}"))!,
            view => (string?)view["status"] == status,
            describe: view => view.ToJsonString());

    /// <summary>Polls the provision until it has ended, however it ended, and returns it.</summary>
    public static Task<JsonNode> WaitForEndAsync(this HttpClient http, string id, TimeSpan? timeout = null) =>
        Eventually.WaitAsync(
            $"Provision {id} ending",
            async () => JsonNode.Parse(await http.GetStringAsync($"api/provisions/{id}"))!,
            view => Ends.Contains((string)view["status"]!),
            timeout ?? TimeSpan.FromSeconds(90),
            describe: view => view.ToJsonString());
}
