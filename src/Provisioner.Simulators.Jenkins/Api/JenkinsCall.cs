using Microsoft.AspNetCore.Http;
using Provisioner.Simulators.Jenkins.Model;
using Provisioner.Simulators.Jenkins.Security;

namespace Provisioner.Simulators.Jenkins.Api;

/// <summary>One routed request: who makes it, and the item, build or queue id its path names.</summary>
internal sealed record JenkinsCall(HttpContext Http, JenkinsServer Server, JenkinsPrincipal Principal, SimulatedItem Item, SimulatedBuild? Build, long? Id)
{
    public HttpRequest Request => Http.Request;

    public string User => Principal.User.Id;

    public ApiModel Model => new(Server.RootUrl, Server.State, Server.Options, Server.State.Time.GetUtcNow());

    /// <summary>Throws Jenkins' 403 when the user lacks <paramref name="permission"/>.</summary>
    public void Require(JenkinsPermission permission)
    {
        if (!Principal.User.Permissions.Contains(permission))
        {
            throw JenkinsError.Denied(User, permission);
        }
    }

    /// <summary>The pruner <c>?tree=</c> or <c>?depth=</c> asks for.</summary>
    public TreePruner Pruner()
    {
        if (Request.Query["tree"].ToString() is { Length: > 0 } tree)
        {
            try
            {
                return TreePruner.ByTree(tree);
            }
            catch (FormatException ex)
            {
                throw JenkinsError.Page(400, ex.Message);
            }
        }

        return TreePruner.ByDepth(int.TryParse(Request.Query["depth"], out var depth) ? depth : 0);
    }

    public async Task<string> ReadBodyAsync()
    {
        using var reader = new StreamReader(Request.Body, System.Text.Encoding.UTF8);
        return await reader.ReadToEndAsync(Http.RequestAborted);
    }
}
