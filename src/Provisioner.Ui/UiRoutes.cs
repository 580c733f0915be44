namespace Provisioner.Ui;

/// <summary>
/// Where the UI lives: beside the API, under its <c>api</c> prefix, so the same path works on the
/// Functions host (whose HTTP functions all sit under <c>/api/</c>) and on the local runner. The pages
/// find the API one level up (<c>../</c>), whatever the prefix is.
/// </summary>
public static class UiRoutes
{
    /// <summary>The UI's root as a browser opens it.</summary>
    public const string Root = "/api/ui/";

    /// <summary>The UI's route under the API prefix: the route table's and the Functions HTTP function's.</summary>
    public const string Route = "ui/{*path}";
}
