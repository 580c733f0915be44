using Microsoft.AspNetCore.Http;
using Provisioner.Simulators.Common.Diagnostics;
using Provisioner.Simulators.Jenkins.Api;

namespace Provisioner.Simulators.Jenkins.Diagnostics;

/// <summary>Jenkins' API has no prefix; injected statuses get the servlet container's error page, as Jenkins (or Jetty in front of it) sends them.</summary>
internal static class JenkinsFaults
{
    public static DiagnosticsOptions Options { get; } = new(string.Empty, (context, status, _) => JenkinsResults.WriteErrorPageAsync(context, status, null));
}
