using System.Globalization;
using Microsoft.AspNetCore.Http;
using Provisioner.Simulators.Jenkins.Security;

namespace Provisioner.Simulators.Jenkins.Api;

/// <summary>The queue: <c>queue/api/json</c>, <c>queue/item/N/api/json</c>, <c>queue/cancelItem</c>.</summary>
internal static class QueueHandlers
{
    public static Task<IResult> List(JenkinsCall call)
    {
        var pruner = call.Pruner();
        lock (call.Server.State.Sync)
        {
            return Task.FromResult(JenkinsResults.Json(call.Model.Queue(), pruner));
        }
    }

    /// <summary>A waiting item, or one that left the queue less than the retention ago; otherwise 404.</summary>
    public static Task<IResult> Item(JenkinsCall call)
    {
        var pruner = call.Pruner();
        lock (call.Server.State.Sync)
        {
            var item = call.Server.State.FindQueueItem(call.Id!.Value) ?? throw JenkinsError.NotFound();
            return Task.FromResult(JenkinsResults.Json(call.Model.QueueItem(item), pruner));
        }
    }

    /// <summary><c>Queue.doCancelItem</c>: 204 cancelled; 500 when it already left the queue; 404 when unknown.</summary>
    public static Task<IResult> Cancel(JenkinsCall call)
    {
        var id = long.TryParse(call.Request.Query["id"], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
        int status;
        lock (call.Server.State.Sync)
        {
            if (call.Server.State.FindQueueItem(id) is not null)
            {
                call.Require(JenkinsPermission.ItemCancel);
            }

            status = call.Server.State.Cancel(id);
        }

        return Task.FromResult(status switch
        {
            204 => JenkinsResults.Status(204),
            500 => JenkinsResults.ErrorPage(500, $"Could not cancel run for id {id}"),
            _ => JenkinsResults.ErrorPage(404, $"Provided id ({id}) not found"),
        });
    }
}
