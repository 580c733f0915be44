using System.Net;
using System.Net.Http.Headers;

namespace Provisioner.Jenkins.Http;

/// <summary>A Jenkins answer, body read: what callers decide on.</summary>
internal sealed record JenkinsResponse(HttpStatusCode Status, string? Reason, HttpResponseHeaders Headers, string Body)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>Every Jenkins response carries <c>X-Jenkins</c>; a 404 without it did not come from Jenkins.</summary>
    public bool FromJenkins => Headers.Contains("X-Jenkins");

    /// <summary>The message of a <c>hudson.model.Failure</c> (Jenkins' 400s), e.g. "A job already exists with the name ‘x’".</summary>
    public string? Error => Headers.TryGetValues("X-Error", out var values) ? values.FirstOrDefault() : null;

    public string? Header(string name) => Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
