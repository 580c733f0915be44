namespace Provisioner.Workflow.Integrations;

/// <summary>
/// A failure talking to GitHub, Jenkins, Kubernetes or Key Vault, with a message written to be
/// shown to people (never holding a secret). Either <see cref="TransientIntegrationException"/> or
/// <see cref="PermanentIntegrationException"/>.
/// </summary>
public abstract class IntegrationException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected IntegrationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// A failure talking to GitHub, Jenkins or Kubernetes that is worth retrying (5xx, throttling,
/// a dropped connection). The orchestrator's retry policy retries these with durable timers.
/// Messages must never contain a secret: they reach the provision's status.
/// </summary>
public class TransientIntegrationException : IntegrationException
{
    /// <summary>Creates the exception.</summary>
    public TransientIntegrationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// A failure that retrying will not fix (bad credentials, missing repository, a conflict that is
/// not ours, not configured). The step fails at once with this message as its cause.
/// Messages must never contain a secret: they reach the provision's status.
/// </summary>
public class PermanentIntegrationException : IntegrationException
{
    /// <summary>Creates the exception.</summary>
    public PermanentIntegrationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Raised by the placeholder integrations registered until a real one is configured: fails the
/// step at once, never pretends to succeed.
/// </summary>
public sealed class IntegrationNotConfiguredException : PermanentIntegrationException
{
    /// <summary>Creates the exception for an integration and the settings it needs.</summary>
    public IntegrationNotConfiguredException(string integration, string settings)
        : base($"{integration} is not configured: set {settings}.")
    {
    }
}
