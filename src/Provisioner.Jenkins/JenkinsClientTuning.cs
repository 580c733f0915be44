namespace Provisioner.Jenkins;

/// <summary>Tuning of the Jenkins client that is not an app setting (tests shorten it).</summary>
internal sealed class JenkinsClientTuning
{
    /// <summary>How long one HTTP call (sending, and reading its body) may take. There is no retry here: the durable retry policy retries the activity.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most console lines kept as evidence of a failed build.</summary>
    public int ConsoleTailLines { get; set; } = 50;

    /// <summary>The most characters kept of one console line.</summary>
    public int ConsoleLineChars { get; set; } = 500;

    /// <summary>The most characters kept of the whole console tail (oldest lines go first).</summary>
    public int ConsoleTailChars { get; set; } = 16 * 1024;
}
