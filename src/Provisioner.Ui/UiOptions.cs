namespace Provisioner.Ui;

/// <summary>How the UI's pages are served.</summary>
public sealed class UiOptions
{
    /// <summary>
    /// Origins the pages may call besides their own (the Content-Security-Policy's <c>connect-src</c>):
    /// in the sandbox, the GitHub simulator the Approve and Reject buttons talk to. Empty elsewhere.
    /// </summary>
    public IList<Uri> ConnectSources { get; } = [];
}
