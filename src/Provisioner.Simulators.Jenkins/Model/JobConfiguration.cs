namespace Provisioner.Simulators.Jenkins.Model;

/// <summary>The kinds of item the simulator knows, by the root element of their <c>config.xml</c>.</summary>
public enum ItemKind
{
    /// <summary>A CloudBees folder (<c>com.cloudbees.hudson.plugins.folder.Folder</c>).</summary>
    Folder,

    /// <summary>A Pipeline job (<c>flow-definition</c>, <c>org.jenkinsci.plugins.workflow.job.WorkflowJob</c>).</summary>
    Pipeline,

    /// <summary>A freestyle job (<c>project</c>, <c>hudson.model.FreeStyleProject</c>).</summary>
    FreeStyle,
}

/// <summary>A parameter a job declares in its <c>ParametersDefinitionProperty</c>.</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="Type">Its definition type as Jenkins names it, e.g. <c>StringParameterDefinition</c>.</param>
/// <param name="DefaultValue">The value a build gets when the trigger does not give one.</param>
/// <param name="Description">Its description, if any.</param>
/// <param name="Trim">Whether a given value is trimmed (string parameters).</param>
public sealed record JobParameterDefinition(string Name, string Type, string DefaultValue, string? Description, bool Trim);

/// <summary>What the simulator reads from a job's <c>config.xml</c>: enough to run it and to answer the API.</summary>
/// <param name="Kind">Pipeline or freestyle.</param>
/// <param name="Description">The job's description.</param>
/// <param name="Disabled">Whether builds are refused.</param>
/// <param name="Parameters">The declared parameters, in order.</param>
/// <param name="ScmUrl">A Pipeline-from-SCM job's repository URL (<c>GitSCM</c>'s first remote).</param>
/// <param name="CredentialsId">The credentials that remote is cloned with.</param>
/// <param name="Branch">The first branch spec, e.g. <c>*/main</c>.</param>
/// <param name="ScriptPath">The Jenkinsfile's path in the repository.</param>
/// <param name="Lightweight">Whether the Jenkinsfile is read with a lightweight checkout.</param>
/// <param name="InlineScript">An inline Pipeline script (<c>CpsFlowDefinition</c>), if that is the definition.</param>
public sealed record JobConfiguration(
    ItemKind Kind,
    string? Description,
    bool Disabled,
    IReadOnlyList<JobParameterDefinition> Parameters,
    string? ScmUrl,
    string? CredentialsId,
    string? Branch,
    string? ScriptPath,
    bool Lightweight,
    string? InlineScript)
{
    /// <summary>True when the job declares parameters (Jenkins' <c>isParameterized()</c>).</summary>
    public bool IsParameterized => Parameters.Count > 0;
}
