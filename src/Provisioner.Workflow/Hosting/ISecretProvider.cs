namespace Provisioner.Workflow.Hosting;

/// <summary>
/// Resolves secret settings (<see cref="SettingNames.Secrets"/>). Implementations may cache, but
/// must pick up a rotated secret within a short time, and never log a value.
/// </summary>
public interface ISecretProvider
{
    /// <summary>The secret's current value, or null when it is not set anywhere.</summary>
    ValueTask<string?> GetSecretAsync(string name, CancellationToken cancellationToken);
}
