using System.Collections.Concurrent;

namespace Provisioner.Simulators.Common.Diagnostics;

/// <summary>One request a simulator answered.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path without the query, e.g. <c>/api/v3/repos/o/r/pulls</c>.</param>
/// <param name="Query">The query string, with its leading <c>?</c>, or empty.</param>
/// <param name="Status">Status code sent, or 0 when the connection was dropped.</param>
/// <param name="IsApi">True for calls to the simulated API (under its prefix), false for the simulator's other endpoints.</param>
public sealed record LoggedRequest(string Method, string Path, string Query, int Status, bool IsApi)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Method} {Path}{Query} -> {Status}";
}

/// <summary>Every request a simulator answered, in order.</summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<LoggedRequest> entries = new();

    /// <summary>A snapshot of the log.</summary>
    public IReadOnlyList<LoggedRequest> Entries => [.. entries];

    /// <summary>Only the calls to the simulated API (e.g. GitHub's REST API under <c>/api/v3/</c>).</summary>
    public IReadOnlyList<LoggedRequest> ApiCalls => [.. entries.Where(e => e.IsApi)];

    /// <summary>Forgets every entry.</summary>
    public void Clear() => entries.Clear();

    internal void Add(LoggedRequest entry) => entries.Enqueue(entry);
}
