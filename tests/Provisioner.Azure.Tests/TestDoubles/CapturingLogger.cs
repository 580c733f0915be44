using Microsoft.Extensions.Logging;

namespace Provisioner.Azure.Tests.TestDoubles;

/// <summary>Keeps every log entry, formatted message and structured values, for leak checks.</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    public List<(LogLevel Level, string Text)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join(" ", pairs.Select(pair => $"{pair.Key}={pair.Value}"))
            : string.Empty;
        Entries.Add((logLevel, $"{formatter(state, exception)} | {values} | {exception}"));
    }
}
