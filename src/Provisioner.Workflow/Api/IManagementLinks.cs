using System.Text.Json.Serialization;

namespace Provisioner.Workflow.Api;

/// <summary>
/// Makes the Durable status query URLs of an instance. Under the Functions host they come from
/// the Durable extension; other hosts (tests, the local runner) build their own.
/// </summary>
public interface IManagementLinks
{
    /// <summary>The management URLs of an instance.</summary>
    DurableManagementUrls For(string instanceId);
}

/// <summary>
/// The Durable status query URLs. They keep Durable Functions' own (camelCase) names, so tools that
/// already read check-status responses understand them.
/// </summary>
/// <param name="Id">The instance id.</param>
/// <param name="StatusQueryGetUri">GET: the instance's status.</param>
/// <param name="SendEventPostUri">POST: raise an event (replace {eventName}).</param>
/// <param name="TerminatePostUri">POST: terminate (replace {text}).</param>
/// <param name="PurgeHistoryDeleteUri">DELETE: purge history.</param>
/// <param name="RestartPostUri">POST: restart.</param>
/// <param name="SuspendPostUri">POST: suspend.</param>
/// <param name="ResumePostUri">POST: resume.</param>
public sealed record DurableManagementUrls(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("statusQueryGetUri")] string StatusQueryGetUri,
    [property: JsonPropertyName("sendEventPostUri")] string SendEventPostUri,
    [property: JsonPropertyName("terminatePostUri")] string TerminatePostUri,
    [property: JsonPropertyName("purgeHistoryDeleteUri")] string PurgeHistoryDeleteUri,
    [property: JsonPropertyName("restartPostUri")] string? RestartPostUri,
    [property: JsonPropertyName("suspendPostUri")] string? SuspendPostUri,
    [property: JsonPropertyName("resumePostUri")] string? ResumePostUri);
