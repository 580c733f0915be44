using Microsoft.AspNetCore.Http;
using Provisioner.Simulators.Jenkins.Model;
using Provisioner.Simulators.Jenkins.Security;
using Provisioner.Simulators.Jenkins.State;

namespace Provisioner.Simulators.Jenkins.Api;

/// <summary>Items (root, folders, jobs): <c>api/json</c>, <c>createItem</c>, <c>config.xml</c>, <c>doDelete</c>.</summary>
internal static class ItemHandlers
{
    /// <summary>The item's page (the dashboard for the root): where Jenkins' redirects lead browsers and scripts.</summary>
    public static Task<IResult> Page(JenkinsCall call)
    {
        var title = call.Item.Parent is null ? "Dashboard [Jenkins]" : $"{call.Item.FullDisplayName} [Jenkins]";
        return Task.FromResult(JenkinsResults.Html(title, $"<div id=\"main-panel\"><h1>{System.Net.WebUtility.HtmlEncode(call.Item.Parent is null ? "Welcome to Jenkins!" : call.Item.Name)}</h1></div>"));
    }

    public static Task<IResult> Api(JenkinsCall call)
    {
        var pruner = call.Pruner();
        lock (call.Server.State.Sync)
        {
            return Task.FromResult(JenkinsResults.Json(call.Model.Item(call.Item), pruner));
        }
    }

    /// <summary><c>ItemGroupMixIn.createTopLevelItem</c> for XML submissions: 200 and an empty body when created.</summary>
    public static async Task<IResult> Create(JenkinsCall call)
    {
        call.Require(JenkinsPermission.ItemCreate);
        var contentType = call.Request.ContentType;
        var mode = call.Request.Query["mode"].ToString();
        if (contentType is null && mode != "copy")
        {
            throw JenkinsError.Failure("No Content-Type header set");
        }

        var name = call.Request.Query["name"].ToString();
        if (!call.Request.Query.ContainsKey("name"))
        {
            throw JenkinsError.Failure("Query parameter 'name' is required");
        }

        var isXml = contentType is not null && (contentType.StartsWith("application/xml", StringComparison.OrdinalIgnoreCase) || contentType.StartsWith("text/xml", StringComparison.OrdinalIgnoreCase));
        if (!isXml)
        {
            throw JenkinsError.Failure(mode.Length == 0 ? "No mode given" : $"No item type ‘{mode}’ is known");
        }

        var body = await call.ReadBodyAsync();
        var state = call.Server.State;
        lock (state.Sync)
        {
            state.CreateItem((SimulatedFolder)call.Item, name, () => JenkinsState.ParseConfig(body));
        }

        return JenkinsResults.Status(200);
    }

    public static Task<IResult> ReadConfig(JenkinsCall call)
    {
        call.Require(JenkinsPermission.ItemExtendedRead);
        lock (call.Server.State.Sync)
        {
            return Task.FromResult(JenkinsResults.Xml(call.Item.ConfigXml));
        }
    }

    /// <summary><c>AbstractItem.updateByXml</c>: 200 and an empty body.</summary>
    public static async Task<IResult> UpdateConfig(JenkinsCall call)
    {
        call.Require(JenkinsPermission.ItemConfigure);
        var config = JenkinsState.ParseConfig(await call.ReadBodyAsync());
        lock (call.Server.State.Sync)
        {
            call.Server.State.UpdateConfig(call.Item, config);
        }

        return JenkinsResults.Status(200);
    }

    /// <summary><c>AbstractItem.doDoDelete</c>: redirects to the parent.</summary>
    public static Task<IResult> Delete(JenkinsCall call)
    {
        call.Require(JenkinsPermission.ItemDelete);
        lock (call.Server.State.Sync)
        {
            call.Server.State.Delete(call.Item, call.User);
        }

        call.Server.State.OnChanged();
        return Task.FromResult(JenkinsResults.Redirect(302, call.Server.RootUrl + call.Item.Parent!.RelativeUrl));
    }
}
