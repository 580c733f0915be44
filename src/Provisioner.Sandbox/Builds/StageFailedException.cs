namespace Provisioner.Sandbox.Builds;

/// <summary>A stage failed; the message is Jenkins' closing error line (e.g. <c>script returned exit code 1</c>).</summary>
internal sealed class StageFailedException(string message) : Exception(message)
{
    /// <summary>What a failed <c>sh</c> step ends with.</summary>
    public static StageFailedException ExitCode(int code) => new($"script returned exit code {code}");
}
