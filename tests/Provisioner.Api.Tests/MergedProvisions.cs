using System.Text.Json.Nodes;
using Provisioner.Api.Tests.Harness;

namespace Provisioner.Api.Tests;

/// <summary>A provision taken past its approval, for tests of what comes after the merge.</summary>
internal static class MergedProvisions
{
    /// <summary>Starts a provision of <paramref name="domain"/>, merges its pull request once it waits for approval, and waits for <paramref name="status"/>.</summary>
    public static async Task<JsonNode> MergeAndWaitForAsync(this WorkflowHost host, string domain, string status, TimeSpan? timeout = null)
    {
        var id = await host.StartAcceptedAsync(domain);
        await host.WaitForStatusAsync(id, "AwaitingApproval");
        await host.DeliverPullRequestClosedAsync(id, merged: true);
        return await host.WaitForStatusAsync(id, status, timeout);
    }
}
