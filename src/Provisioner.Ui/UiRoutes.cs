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

    /// <summary>The route the local runner maps (ASP.NET Core catch-all).</summary>
    public const string RunnerPattern = "/api/ui/{**path}";

    /// <summary>The route of the Functions HTTP function that serves the UI (under the host's <c>api</c> prefix).</summary>
    public const string FunctionsRoute = "ui/{*path}";
}
