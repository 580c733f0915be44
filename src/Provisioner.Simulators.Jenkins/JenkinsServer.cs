using System.Security.Cryptography;
using System.Text;
using Provisioner.Simulators.Jenkins.Security;
using Provisioner.Simulators.Jenkins.State;

namespace Provisioner.Simulators.Jenkins;

/// <summary>What the middleware and handlers share: state, options, sessions, the scheduler and the root URL.</summary>
internal sealed class JenkinsServer(JenkinsState state, JenkinsSimulatorOptions options, BuildScheduler scheduler)
{
    public const string CrumbField = "Jenkins-Crumb";

    private readonly byte[] crumbSalt = RandomNumberGenerator.GetBytes(16);

    public JenkinsState State { get; } = state;

    public JenkinsSimulatorOptions Options { get; } = options;

    public BuildScheduler Scheduler { get; } = scheduler;

    /// <summary>Jenkins' <c>SESSION_HASH</c> (the <c>X-Jenkins-Session</c> header): changes with every start.</summary>
    public string InstanceHash { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    public JenkinsSessions Sessions { get; } = new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));

    /// <summary>The configured root URL, e.g. <c>http://127.0.0.1:5123/</c>; set once the server listens.</summary>
    public string RootUrl { get; set; } = "/";

    /// <summary><c>DefaultCrumbIssuer</c>: a hash of the salt, the user and the session id.</summary>
    public string Crumb(string userId, string sessionId) =>
        Convert.ToHexStringLower(SHA256.HashData([.. crumbSalt, .. Encoding.UTF8.GetBytes(userId + ";" + sessionId)]));
}
