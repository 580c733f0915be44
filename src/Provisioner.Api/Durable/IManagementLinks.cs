using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Provisioner.Api;

/// <summary>
/// Makes the Durable status query URLs of an instance. Under the Functions host they come from
/// the Durable extension; other hosts (the local runner, tests) make their own.
/// </summary>
public interface IManagementLinks
{
    /// <summary>The management URLs handed out for an instance, for the request being answered.</summary>
    ValueTask<DurableManagementUrls> ForAsync(HttpRequest request, string instanceId);
}

/// <summary>
/// The Durable status query URLs handed out with a provision. They keep Durable Functions' own
/// (camelCase) names, so tools that read check-status responses understand them. Only those that
/// cannot bypass the workflow are handed out: the status, raising an event (a raised pull-request
/// event only makes the provision look at GitHub; a raised Cancel is a cancel) and terminate (the
/// domain lock closes a terminated provision's pull request). Not restart, suspend, resume or purge.
/// </summary>
/// <param name="Id">The instance id.</param>
/// <param name="StatusQueryGetUri">GET: the instance's status.</param>
/// <param name="SendEventPostUri">POST: raise an event (replace {eventName}).</param>
/// <param name="TerminatePostUri">POST: terminate (replace {text}).</param>
public sealed record DurableManagementUrls(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("statusQueryGetUri")] string StatusQueryGetUri,
    [property: JsonPropertyName("sendEventPostUri")] string SendEventPostUri,
    [property: JsonPropertyName("terminatePostUri")] string TerminatePostUri);
