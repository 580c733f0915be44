namespace Provisioner.Simulators.Jenkins.Security;

/// <summary>How a request proved who it is.</summary>
internal enum AuthenticatedBy
{
    /// <summary>Basic auth with the user's password.</summary>
    Password,

    /// <summary>Basic auth with one of the user's API tokens.</summary>
    ApiToken,

    /// <summary>A session cookie from an earlier request.</summary>
    Session,
}

/// <summary>The user a request acts as.</summary>
internal sealed record JenkinsPrincipal(JenkinsUser User, AuthenticatedBy Via);
