namespace Provisioner.Workflow.Validation;

/// <summary>Quoting what a client sent back to it, safely.</summary>
public static class ClientText
{
    /// <summary>
    /// At most <paramref name="maxLength"/> characters of <paramref name="value"/>, then "…" when it
    /// was longer; never cuts a surrogate pair in half.
    /// </summary>
    public static string Shorten(string value, int maxLength = 40)
    {
        if (value.Length <= maxLength)
        {
            return value;
        }

        var cut = char.IsHighSurrogate(value[maxLength - 1]) ? maxLength - 1 : maxLength;
        return value[..cut] + "…";
    }
}
