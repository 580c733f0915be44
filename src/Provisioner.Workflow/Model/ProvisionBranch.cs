namespace Provisioner.Workflow.Model;

/// <summary>
/// The pull request branch of a provision, <c>provision/&lt;provision id&gt;</c>. The webhook
/// finds the provision from the branch alone, so this is the one place that spells it.
/// </summary>
public static class ProvisionBranch
{
    private const string Prefix = "provision/";

    /// <summary>The branch name for a provision.</summary>
    public static string For(string provisionId) => Prefix + provisionId;

    /// <summary>The provision id a branch belongs to, or false when it is not a provision branch.</summary>
    public static bool TryParse(string? branch, out string provisionId)
    {
        provisionId = string.Empty;
        if (branch is null || !branch.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var id = branch[Prefix.Length..];
        if (!ProvisionId.IsValid(id))
        {
            return false;
        }

        provisionId = id;
        return true;
    }
}
