using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Provisioner.Durable;

/// <summary>Refuses settings the engine cannot run with (the storage connection among them), saying which setting and how to fix it.</summary>
internal sealed class DurableEngineOptionsValidator(IConfiguration configuration) : IValidateOptions<DurableEngineOptions>
{
    private const int MaxConcurrency = 10_000;

    public ValidateOptionsResult Validate(string? name, DurableEngineOptions options)
    {
        var failures = new List<string>();
        if (!IsValidHubName(options.HubName))
        {
            failures.Add($"The task hub name '{options.HubName}' is not valid: it must be 3 to 45 letters or digits, starting with a letter (Azure Storage names its queues and tables after it). Set TASKHUB_NAME to such a name, e.g. {DurableEngineOptions.DefaultHubName}.");
        }

        CheckConcurrency(failures, "maxConcurrentOrchestratorFunctions", options.MaxConcurrentOrchestratorFunctions);
        CheckConcurrency(failures, "maxConcurrentActivityFunctions", options.MaxConcurrentActivityFunctions);
        CheckPositive(failures, "storageProvider:maxQueuePollingInterval", options.StorageProvider.MaxQueuePollingInterval);
        CheckPositive(failures, "storageProvider:workItemQueueVisibilityTimeout", options.StorageProvider.WorkItemQueueVisibilityTimeout);
        try
        {
            DurableStorageConnection.FromConfiguration(configuration);
        }
        catch (InvalidOperationException e)
        {
            failures.Add(e.Message);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsValidHubName(string name) =>
        name.Length is >= 3 and <= 45 && char.IsAsciiLetter(name[0]) && name.All(char.IsAsciiLetterOrDigit);

    private static void CheckConcurrency(List<string> failures, string knob, int value)
    {
        if (value is < 1 or > MaxConcurrency)
        {
            failures.Add($"extensions.durableTask.{knob.Replace(':', '.')} is {value}: it must be between 1 and {MaxConcurrency}. Fix it in host.json or in the setting {OverrideName(knob)}.");
        }
    }

    private static void CheckPositive(List<string> failures, string knob, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"extensions.durableTask.{knob.Replace(':', '.')} is {value}: it must be a positive time span (hh:mm:ss). Fix it in host.json or in the setting {OverrideName(knob)}.");
        }
    }

    private static string OverrideName(string knob) => (DurableEngineOptions.OverrideSection + ":" + knob).Replace(":", "__", StringComparison.Ordinal);
}
