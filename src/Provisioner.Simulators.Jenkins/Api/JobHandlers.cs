using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Provisioner.Simulators.Jenkins.Model;
using Provisioner.Simulators.Jenkins.Security;

namespace Provisioner.Simulators.Jenkins.Api;

/// <summary>Queueing builds: <c>build</c> and <c>buildWithParameters</c> (<c>ParameterizedJobMixIn</c>).</summary>
internal static class JobHandlers
{
    /// <summary>
    /// <c>buildWithParameters</c>: every declared parameter takes the request's value (query or form)
    /// or its default; undeclared ones are ignored. 201 + <c>Location</c> of a new queue item, 303 to
    /// an identical item still waiting; 400 "… is not parameterized" on a job that declares none.
    /// </summary>
    public static async Task<IResult> BuildWithParameters(JenkinsCall call)
    {
        call.Require(JenkinsPermission.ItemBuild);
        var job = (SimulatedJob)call.Item;
        var form = call.Request.HasFormContentType ? await call.Request.ReadFormAsync() : null;
        lock (call.Server.State.Sync)
        {
            var config = job.Configuration;
            CheckBuildable(job);
            if (!config.IsParameterized)
            {
                throw JenkinsError.Page(400, job.FullName + " is not parameterized");
            }

            var values = config.Parameters.Select(d => Value(d, StringValues.Concat(call.Request.Query[d.Name], form?[d.Name] ?? StringValues.Empty))).ToList();
            return Queue(call, job, values);
        }
    }

    /// <summary><c>build</c>: a parameterized job builds with its defaults.</summary>
    public static Task<IResult> Build(JenkinsCall call)
    {
        call.Require(JenkinsPermission.ItemBuild);
        var job = (SimulatedJob)call.Item;
        lock (call.Server.State.Sync)
        {
            CheckBuildable(job);
            var values = job.Configuration.Parameters.Select(d => new BuildParameter(d.Name, d.DefaultValue, d.Type)).ToList();
            return Task.FromResult(Queue(call, job, values));
        }
    }

    private static IResult Queue(JenkinsCall call, SimulatedJob job, List<BuildParameter> values)
    {
        var (item, created) = call.Server.State.Schedule(job, values, call.User, Delay(call.Request.Query["delay"]));
        return JenkinsResults.Redirect(created ? 201 : 303, call.Server.RootUrl + item.RelativeUrl);
    }

    private static void CheckBuildable(SimulatedJob job)
    {
        if (job.Configuration.Disabled)
        {
            throw JenkinsError.Page(409, job.FullName + " is not buildable");
        }
    }

    /// <summary><c>StringParameterDefinition.createValue(req)</c>: one value, or the default; more than one is an error.</summary>
    private static BuildParameter Value(JobParameterDefinition definition, StringValues given)
    {
        if (given.Count > 1)
        {
            throw JenkinsError.Page(500, $"java.lang.IllegalArgumentException: Illegal number of parameter values for {definition.Name}: {given.Count}");
        }

        var value = given.Count == 1 ? given[0]! : definition.DefaultValue;
        return new BuildParameter(definition.Name, definition.Trim ? value.Trim() : value, definition.Type);
    }

    /// <summary><c>TimeDuration.fromString</c>: milliseconds, or seconds with a <c>sec</c>/<c>secs</c> suffix.</summary>
    private static TimeSpan? Delay(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        var seconds = text.EndsWith("sec", StringComparison.Ordinal) || text.EndsWith("secs", StringComparison.Ordinal);
        if (seconds)
        {
            text = text[..text.LastIndexOf("sec", StringComparison.Ordinal)].Trim();
        }

        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var amount)
            ? TimeSpan.FromSeconds(seconds ? amount : amount / 1000)
            : null;
    }
}
