namespace Provisioner.Simulators.Jenkins.Security;

/// <summary>A Jenkins user: a password, API tokens and the permissions the authorization strategy grants.</summary>
public sealed class JenkinsUser
{
    /// <summary>Creates a user with every permission.</summary>
    public JenkinsUser(string id, string password, params string[] apiTokens)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        Id = id;
        Password = password;
        ApiTokens = new HashSet<string>(apiTokens, StringComparer.Ordinal);
        Permissions = new HashSet<JenkinsPermission>(JenkinsPermission.All);
    }

    /// <summary>The user id (the basic-auth user name).</summary>
    public string Id { get; }

    /// <summary>The password: basic auth with it works, but POSTs then need a crumb.</summary>
    public string Password { get; set; }

    /// <summary>API tokens: basic auth with one is exempt from crumbs (Jenkins ≥ 2.96).</summary>
    public HashSet<string> ApiTokens { get; }

    /// <summary>What the user may do; remove one to see Jenkins' 403.</summary>
    public HashSet<JenkinsPermission> Permissions { get; }
}
