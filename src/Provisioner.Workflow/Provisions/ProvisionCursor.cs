using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Provisioner.Workflow.Model;

namespace Provisioner.Workflow.Provisions;

/// <summary>
/// A position in the newest-first list of provisions: the last provision a page held. Its token
/// is opaque to clients (base64url of the creation time and the id).
/// </summary>
/// <param name="CreatedAt">When the last provision of the page was created (UTC).</param>
/// <param name="ProvisionId">Its id, which orders provisions created in the same tick.</param>
public sealed record ProvisionCursor(DateTimeOffset CreatedAt, string ProvisionId)
{
    private const string Version = "v1";

    /// <summary>The token a client sends back for the next page.</summary>
    public string ToToken() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Version}:{CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{ProvisionId}"));

    /// <summary>Reads a token made by <see cref="ToToken"/>; false for anything else.</summary>
    public static bool TryParse(string? token, out ProvisionCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(token) || token.Length > 200 || !Base64Url.IsValid(token))
        {
            return false;
        }

        var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)).Split(':');
        if (parts is not [Version, var ticksText, var id] ||
            !long.TryParse(ticksText, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ||
            ticks > DateTimeOffset.MaxValue.UtcTicks ||
            !Model.ProvisionId.IsValid(id))
        {
            return false;
        }

        cursor = new ProvisionCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
        return true;
    }

    /// <summary>True when a provision created at <paramref name="createdAt"/> with id <paramref name="id"/> comes after this position (is older).</summary>
    internal bool Precedes(DateTimeOffset createdAt, string id) =>
        createdAt < CreatedAt || (createdAt == CreatedAt && string.CompareOrdinal(id, ProvisionId) < 0);
}
