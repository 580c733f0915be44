namespace Provisioner.Workflow.Model;

/// <summary>What kind of application a provision creates; decides which templates apply.</summary>
public enum AppType
{
    /// <summary>A website served to browsers (static site, SPA).</summary>
    Frontend,

    /// <summary>An HTTP API.</summary>
    Backend,
}

/// <summary>Wire names of <see cref="AppType"/>: the API speaks <c>frontend</c> and <c>backend</c>.</summary>
public static class AppTypeNames
{
    /// <summary>The lower-case wire name of an app type.</summary>
    public static string ToWire(this AppType appType) => appType switch
    {
        AppType.Frontend => "frontend",
        AppType.Backend => "backend",
        _ => throw new ArgumentOutOfRangeException(nameof(appType), appType, null),
    };

    /// <summary>Parses a wire name exactly (case-sensitive, no numbers).</summary>
    public static bool TryParse(string? value, out AppType appType)
    {
        switch (value)
        {
            case "frontend": appType = AppType.Frontend; return true;
            case "backend": appType = AppType.Backend; return true;
            default: appType = default; return false;
        }
    }
}
