using Microsoft.AspNetCore.Http;
using Provisioner.Simulators.Jenkins.Security;

namespace Provisioner.Simulators.Jenkins.Api;

/// <summary>Builds: <c>api/json</c>, <c>consoleText</c>, <c>stop</c>.</summary>
internal static class BuildHandlers
{
    /// <summary>The build's page, where <c>stop</c> redirects.</summary>
    public static Task<IResult> Page(JenkinsCall call) =>
        Task.FromResult(JenkinsResults.Html($"{call.Build!.Job.FullDisplayName} #{call.Build.Number} [Jenkins]", $"<div id=\"main-panel\"><h1>Build #{call.Build.Number}</h1></div>"));

    public static Task<IResult> Api(JenkinsCall call)
    {
        var pruner = call.Pruner();
        lock (call.Server.State.Sync)
        {
            return Task.FromResult(JenkinsResults.Json(call.Model.Build(call.Build!), pruner));
        }
    }

    public static Task<IResult> ConsoleText(JenkinsCall call) => Task.FromResult(JenkinsResults.Text(call.Build!.ConsoleText));

    /// <summary><c>Run.doStop</c>: aborts a running build (a finished one is left alone) and goes back to the build's page.</summary>
    public static Task<IResult> Stop(JenkinsCall call)
    {
        call.Require(JenkinsPermission.ItemCancel);
        lock (call.Server.State.Sync)
        {
            call.Server.State.Stop(call.Build!, call.User);
        }

        return Task.FromResult(JenkinsResults.Redirect(302, call.Server.RootUrl + call.Build!.RelativeUrl));
    }
}
