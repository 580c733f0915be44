using Microsoft.DurableTask;
using Provisioner.Workflow.Integrations;

namespace Provisioner.Workflow.Orchestration;

/// <summary>
/// What kind of failure an activity reported. The type travels as a name (<see cref="TaskFailureDetails.ErrorType"/>),
/// and hosts have been seen to wrap it (e.g. in an AggregateException), so the whole inner chain is
/// searched and names are compared as well as loadable types.
/// </summary>
internal static class ActivityFailure
{
    /// <summary>A failure retrying will not fix (bad credentials, missing settings, a conflict that is not ours).</summary>
    public static bool IsPermanent(TaskFailureDetails failure) => Is<PermanentIntegrationException>(failure) || Is<IntegrationNotConfiguredException>(failure);

    /// <summary>A failure because an integration's settings are missing.</summary>
    public static bool IsNotConfigured(TaskFailureDetails failure) => Is<IntegrationNotConfiguredException>(failure);

    /// <summary>
    /// What to tell the user: an integration's own message (written to be shown, never holding a
    /// secret), or, for anything else (a defect), only its type, the details staying in the logs.
    /// </summary>
    public static string CauseOf(TaskFailureDetails failure, string step, int attempts)
    {
        if ((Find<PermanentIntegrationException>(failure) ?? Find<IntegrationNotConfiguredException>(failure)) is { } permanent)
        {
            return permanent.ErrorMessage;
        }

        if (Find<TransientIntegrationException>(failure) is { } transient)
        {
            return $"{transient.ErrorMessage} (gave up after {attempts} attempts)";
        }

        return $"An unexpected error ({ShortName(failure.ErrorType)}) stopped the {step} step after {attempts} attempts; the Functions logs hold the details.";
    }

    private static bool Is<T>(TaskFailureDetails failure)
        where T : Exception => Find<T>(failure) is not null;

    private static TaskFailureDetails? Find<T>(TaskFailureDetails? failure)
        where T : Exception
    {
        for (; failure is not null; failure = failure.InnerFailure)
        {
            if (failure.IsCausedBy<T>() || failure.ErrorType == typeof(T).FullName)
            {
                return failure;
            }
        }

        return null;
    }

    private static string ShortName(string errorType) => errorType[(errorType.LastIndexOf('.') + 1)..];
}
