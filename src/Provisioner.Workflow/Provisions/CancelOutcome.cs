namespace Provisioner.Workflow.Provisions;

/// <summary>What became of a request to cancel a provision.</summary>
public abstract record CancelOutcome
{
    private CancelOutcome()
    {
    }

    /// <summary>The cancel was handed to the provision, which ends Cancelled and closes its pull request shortly.</summary>
    /// <param name="Provision">The provision as it was when the cancel was raised.</param>
    public sealed record Accepted(ProvisionView Provision) : CancelOutcome;

    /// <summary>No provision has this id.</summary>
    public sealed record NotFound : CancelOutcome;

    /// <summary>The provision has already ended; there is nothing to cancel.</summary>
    /// <param name="Provision">The ended provision.</param>
    public sealed record AlreadyEnded(ProvisionView Provision) : CancelOutcome;
}
