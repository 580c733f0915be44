using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.GitHub;
using Provisioner.Workflow.Hosting;

namespace Provisioner.Api;

/// <summary>Registers what the API needs, the same in every host.</summary>
public static class ApiServiceCollectionExtensions
{
    /// <summary>
    /// Adds the API's JSON (snake_case, nulls left out; what <c>TypedResults</c> and problem details
    /// are written with, under the Functions host too), the GitHub webhook inbox and the workflow.
    /// Register the integrations first: the workflow fills any still missing with "not configured"
    /// placeholders.
    /// </summary>
    public static IServiceCollection AddProvisionerApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.ConfigureHttpJsonOptions(options => UseApiJson(options.SerializerOptions));
        services.AddGitHubWebhooks(configuration);
        services.AddProvisioningWorkflow(configuration);
        return services;
    }

    /// <summary>The API's JSON conventions.</summary>
    public static JsonSerializerOptions UseApiJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        return options;
    }
}
