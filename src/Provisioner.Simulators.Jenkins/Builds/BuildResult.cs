namespace Provisioner.Simulators.Jenkins.Builds;

/// <summary>How a build ends (Jenkins' <c>hudson.model.Result</c>).</summary>
public enum BuildResult
{
    /// <summary>SUCCESS.</summary>
    Success,

    /// <summary>UNSTABLE: built, but tests failed.</summary>
    Unstable,

    /// <summary>FAILURE.</summary>
    Failure,

    /// <summary>NOT_BUILT.</summary>
    NotBuilt,

    /// <summary>ABORTED: stopped by someone or something.</summary>
    Aborted,
}

/// <summary>Jenkins' names for results.</summary>
public static class BuildResultNames
{
    /// <summary>The name Jenkins uses in the API and the console, e.g. <c>SUCCESS</c>.</summary>
    public static string ToJenkins(this BuildResult result) => result switch
    {
        BuildResult.Success => "SUCCESS",
        BuildResult.Unstable => "UNSTABLE",
        BuildResult.Failure => "FAILURE",
        BuildResult.NotBuilt => "NOT_BUILT",
        _ => "ABORTED",
    };

    /// <summary>The ball color of a job whose last completed build had this result.</summary>
    internal static string Color(this BuildResult result) => result switch
    {
        BuildResult.Success => "blue",
        BuildResult.Unstable => "yellow",
        BuildResult.Failure => "red",
        BuildResult.NotBuilt => "notbuilt",
        _ => "aborted",
    };
}
