using Provisioner.Workflow.Model;

namespace Provisioner.Workflow.Provisions;

/// <summary>Which provisions to list, newest first.</summary>
/// <param name="Status">Only provisions in this status; null for all.</param>
/// <param name="Domain">Only provisions of this normalized domain; null for all.</param>
/// <param name="PageSize">How many provisions one page holds.</param>
/// <param name="After">Where the previous page ended; null for the first page.</param>
public sealed record ProvisionQuery(ProvisionStatus? Status, string? Domain, int PageSize, ProvisionCursor? After)
{
    /// <summary>The page size when none is asked for.</summary>
    public const int DefaultPageSize = 20;

    /// <summary>The largest page served.</summary>
    public const int MaxPageSize = 100;
}

/// <summary>A page of provisions, newest first.</summary>
/// <param name="Provisions">The provisions on this page.</param>
/// <param name="Next">Where the next page starts; null on the last page.</param>
public sealed record ProvisionPage(IReadOnlyList<ProvisionView> Provisions, ProvisionCursor? Next);
