using System.Collections.Concurrent;

namespace Provisioner.Simulators.GitHub.Diagnostics;

/// <summary>One request the simulator answered.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path without the query, e.g. <c>/api/v3/repos/o/r/pulls</c>.</param>
/// <param name="Query">The query string, with its leading <c>?</c>, or empty.</param>
/// <param name="Status">Status code sent, or 0 when the connection was dropped.</param>
public sealed record LoggedRequest(string Method, string Path, string Query, int Status)
{
    /// <summary>True for calls to the REST API (under <c>/api/v3/</c>).</summary>
    public bool IsRest => Path.StartsWith("/api/v3/", StringComparison.Ordinal);

    /// <inheritdoc/>
    public override string ToString() => $"{Method} {Path}{Query} -> {Status}";
}

/// <summary>Every request the simulator answered, in order.</summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<LoggedRequest> entries = new();

    /// <summary>A snapshot of the log.</summary>
    public IReadOnlyList<LoggedRequest> Entries => [.. entries];

    /// <summary>Only the REST API calls.</summary>
    public IReadOnlyList<LoggedRequest> RestCalls => [.. entries.Where(e => e.IsRest)];

    /// <summary>Forgets every entry.</summary>
    public void Clear() => entries.Clear();

    internal void Add(LoggedRequest entry) => entries.Enqueue(entry);
}
