using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Provisioner.Simulators.Jenkins.Security;

/// <summary>
/// Web sessions (the <c>JSESSIONID.*</c> cookie). A crumb is bound to the user and the session it was
/// issued in; <see cref="ExpireAll"/> is what a Jenkins restart or session timeout does to them.
/// </summary>
public sealed class JenkinsSessions
{
    private readonly ConcurrentDictionary<string, string> users = new(StringComparer.Ordinal);

    internal JenkinsSessions(string instanceHash) => CookieName = "JSESSIONID." + instanceHash;

    /// <summary>The session cookie's name, e.g. <c>JSESSIONID.1a2b3c4d</c>.</summary>
    public string CookieName { get; }

    /// <summary>How many sessions are alive.</summary>
    public int Count => users.Count;

    /// <summary>Forgets every session: crumbs issued in them are no longer valid.</summary>
    public void ExpireAll() => users.Clear();

    internal string Create(string userId)
    {
        var id = "node0" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)) + ".node0";
        users[id] = userId;
        return id;
    }

    internal string? UserOf(string? sessionId) => sessionId is not null && users.TryGetValue(sessionId, out var user) ? user : null;
}
