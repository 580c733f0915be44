using Microsoft.Extensions.Options;
using Provisioner.Workflow.Hosting;

namespace Provisioner.Kubernetes.Connection;

/// <summary>Refuses a <c>KUBECONFIG</c> that names no file, saying what to set (checked on first use, not at start-up).</summary>
internal sealed class KubernetesOptionsValidator : IValidateOptions<KubernetesOptions>
{
    public ValidateOptionsResult Validate(string? name, KubernetesOptions options)
    {
        if (options.KubeConfigPath is { Length: > 0 } path && !File.Exists(path))
        {
            return ValidateOptionsResult.Fail($"{SettingNames.KubeConfigPath} to the path of a kubeconfig file ({path} does not exist), or {SettingNames.KubeConfigContent} to a kubeconfig's content");
        }

        return ValidateOptionsResult.Success;
    }
}
