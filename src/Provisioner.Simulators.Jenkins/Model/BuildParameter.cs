namespace Provisioner.Simulators.Jenkins.Model;

/// <summary>A parameter value a queue item or build carries (a Jenkins <c>ParameterValue</c>).</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="Value">Its value.</param>
/// <param name="Type">The definition type it came from, e.g. <c>StringParameterDefinition</c>.</param>
public sealed record BuildParameter(string Name, string Value, string Type)
{
    /// <summary>The <c>_class</c> of the value Jenkins exports.</summary>
    public string ValueClass => Type switch
    {
        "BooleanParameterDefinition" => "hudson.model.BooleanParameterValue",
        "TextParameterDefinition" => "hudson.model.TextParameterValue",
        "PasswordParameterDefinition" => "hudson.model.PasswordParameterValue",
        _ => "hudson.model.StringParameterValue",
    };
}
