using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Provisioner.Simulators.Jenkins.Model;
using Provisioner.Simulators.Jenkins.Security;

namespace Provisioner.Simulators.Jenkins.Api;

/// <summary>What a route's path is relative to.</summary>
[Flags]
internal enum RouteTarget
{
    Root = 1,
    Folder = 2,
    Job = 4,
    Build = 8,
    Container = Root | Folder,
    Item = Folder | Job,
    AnyItem = Root | Folder | Job,
}

/// <summary>
/// The remote API's route table. Jenkins' URLs nest (<c>/job/a/job/b/7/api/json</c>), so a path is
/// first resolved to the item and build it names (404 when one is missing), then the rest of it is
/// matched here: method, what it is relative to, pattern → handler.
/// </summary>
internal static class JenkinsRoutes
{
    private static readonly string[] Permalinks =
        ["lastBuild", "lastCompletedBuild", "lastFailedBuild", "lastStableBuild", "lastSuccessfulBuild", "lastUnstableBuild", "lastUnsuccessfulBuild"];

    private static readonly Route[] Table =
    [
        new("GET", RouteTarget.AnyItem, "", ItemHandlers.Page),
        new("GET", RouteTarget.Build, "", BuildHandlers.Page),
        new("GET", RouteTarget.Root, "crumbIssuer/api/json", RootHandlers.Crumb),
        new("GET", RouteTarget.Root, "me/api/json", RootHandlers.WhoAmI),
        new("GET", RouteTarget.Root, "queue/api/json", QueueHandlers.List),
        new("GET", RouteTarget.Root, "queue/item/{id}/api/json", QueueHandlers.Item),
        new("POST", RouteTarget.Root, "queue/cancelItem", QueueHandlers.Cancel),
        new("GET", RouteTarget.AnyItem, "api/json", ItemHandlers.Api),
        new("POST", RouteTarget.Container, "createItem", ItemHandlers.Create),
        new("GET", RouteTarget.Item, "config.xml", ItemHandlers.ReadConfig),
        new("POST", RouteTarget.Item, "config.xml", ItemHandlers.UpdateConfig),
        new("POST", RouteTarget.Item, "doDelete", ItemHandlers.Delete),
        new("POST", RouteTarget.Job, "build", JobHandlers.Build),
        new("POST", RouteTarget.Job, "buildWithParameters", JobHandlers.BuildWithParameters),
        new("GET", RouteTarget.Build, "api/json", BuildHandlers.Api),
        new("GET", RouteTarget.Build, "consoleText", BuildHandlers.ConsoleText),
        new("POST", RouteTarget.Build, "stop", BuildHandlers.Stop),
    ];

    public static void MapJenkinsApi(this WebApplication app, JenkinsServer server) => app.Run(context => DispatchAsync(context, server));

    private static async Task DispatchAsync(HttpContext context, JenkinsServer server)
    {
        var principal = JenkinsSecurityMiddleware.PrincipalOf(context);
        IResult result;
        try
        {
            server.Scheduler.CatchUp();
            result = await RouteAsync(context, server, principal);
        }
        catch (JenkinsError error)
        {
            result = JenkinsResults.Error(error, principal.User.Id);
        }

        await result.ExecuteAsync(context);
    }

    private static async Task<IResult> RouteAsync(HttpContext context, JenkinsServer server, JenkinsPrincipal principal)
    {
        var segments = (context.Request.Path.Value ?? "/").Split('/', StringSplitOptions.RemoveEmptyEntries);
        JenkinsCall call;
        Route? route = null;
        var methodMismatch = false;
        lock (server.State.Sync)
        {
            var (item, build, rest) = Resolve(server, segments);
            var target = build is not null ? RouteTarget.Build
                : item.Parent is null ? RouteTarget.Root
                : item is SimulatedFolder ? RouteTarget.Folder
                : RouteTarget.Job;
            long? id = null;
            foreach (var candidate in Table)
            {
                if ((candidate.Target & target) != 0 && candidate.Matches(rest, out var captured))
                {
                    if (string.Equals(candidate.Method, context.Request.Method, StringComparison.OrdinalIgnoreCase))
                    {
                        route = candidate;
                        id = captured;
                        break;
                    }

                    methodMismatch = true;
                }
            }

            call = new JenkinsCall(context, server, principal, item, build, id);
        }

        return route is not null ? await route.Handler(call)
            : methodMismatch ? JenkinsResults.ErrorPage(405, "This URL requires POST")
            : JenkinsResults.ErrorPage(404);
    }

    /// <summary>Walks <c>job/NAME</c> pairs down the folders, then a build number or permalink under a job.</summary>
    private static (SimulatedItem Item, SimulatedBuild? Build, string[] Remainder) Resolve(JenkinsServer server, string[] segments)
    {
        SimulatedItem item = server.State.Root;
        var i = 0;
        while (i + 1 < segments.Length && segments[i] == "job" && item is SimulatedFolder folder)
        {
            item = folder.Children.GetValueOrDefault(segments[i + 1]) ?? throw JenkinsError.NotFound();
            i += 2;
        }

        SimulatedBuild? build = null;
        if (item is SimulatedJob job && i < segments.Length)
        {
            var segment = segments[i];
            if (int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                build = job.Builds.FirstOrDefault(b => b.Number == number) ?? throw JenkinsError.NotFound();
                i++;
            }
            else if (Permalinks.Contains(segment))
            {
                build = Permalink(job, segment) ?? throw JenkinsError.NotFound();
                i++;
            }
        }

        return (item, build, segments[i..]);
    }

    private static SimulatedBuild? Permalink(SimulatedJob job, string name) => job.Builds.FirstOrDefault(b => name switch
    {
        "lastBuild" => true,
        "lastCompletedBuild" => !b.Building,
        "lastFailedBuild" => b.Result == Builds.BuildResult.Failure,
        "lastStableBuild" => b.Result == Builds.BuildResult.Success,
        "lastSuccessfulBuild" => b.Result is Builds.BuildResult.Success or Builds.BuildResult.Unstable,
        "lastUnstableBuild" => b.Result == Builds.BuildResult.Unstable,
        _ => b.Result is { } r && r != Builds.BuildResult.Success,
    });

    private sealed record Route(string Method, RouteTarget Target, string Pattern, Func<JenkinsCall, Task<IResult>> Handler)
    {
        private readonly string[] parts = Pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);

        public bool Matches(string[] rest, out long? id)
        {
            id = null;
            if (rest.Length != parts.Length)
            {
                return false;
            }

            for (var i = 0; i < parts.Length; i++)
            {
                if (parts[i] == "{id}")
                {
                    if (!long.TryParse(rest[i], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                    {
                        return false;
                    }

                    id = value;
                }
                else if (!string.Equals(parts[i], rest[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
