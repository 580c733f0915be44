namespace Provisioner.Templates.Rendering;

/// <summary>A template used a variable or member the model does not have, or printed a whole object.</summary>
internal sealed class UndefinedVariableException(string variable, string message) : Exception(message)
{
    public UndefinedVariableException(string variable)
        : this(variable, $"variable '{variable}' is not defined.")
    {
    }

    public string Variable { get; } = variable;
}
