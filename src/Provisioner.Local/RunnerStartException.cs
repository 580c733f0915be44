namespace Provisioner.Local;

/// <summary>The runner cannot start with its settings. The message is one line for people: what is wrong and what to change.</summary>
public sealed class RunnerStartException : Exception
{
    /// <summary>Creates the exception with its one-line message.</summary>
    /// <param name="message">What is wrong and what to change.</param>
    public RunnerStartException(string message)
        : base(message)
    {
    }
}
