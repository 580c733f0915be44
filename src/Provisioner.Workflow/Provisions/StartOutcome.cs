namespace Provisioner.Workflow.Provisions;

/// <summary>What became of a request to start a provision.</summary>
public abstract record StartOutcome
{
    private StartOutcome()
    {
    }

    /// <summary>The provision was accepted; its domain's lock starts it in a moment.</summary>
    /// <param name="ProvisionId">The new provision's id.</param>
    /// <param name="Domain">The normalized domain.</param>
    public sealed record Started(string ProvisionId, string Domain) : StartOutcome;

    /// <summary>Another provision of the domain holds its lock; nothing was started.</summary>
    /// <param name="Domain">The normalized domain.</param>
    /// <param name="ExistingProvisionId">The provision holding the lock, when it could be read.</param>
    /// <param name="JustFinishing">True when that provision has ended and its lock is only recording the result: try again in a second.</param>
    public sealed record DomainBusy(string Domain, string? ExistingProvisionId, bool JustFinishing) : StartOutcome;
}
