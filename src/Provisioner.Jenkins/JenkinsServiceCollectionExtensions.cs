using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Polly;
using Provisioner.Jenkins.Http;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Integrations.Ci;

namespace Provisioner.Jenkins;

/// <summary>Registers the Jenkins build server.</summary>
public static class JenkinsServiceCollectionExtensions
{
    /// <summary>
    /// Makes <see cref="IBuildServer"/> the Jenkins implementation (replacing any placeholder). It binds
    /// <see cref="JenkinsOptions"/> (JENKINS_URL, JENKINS_USER, JENKINS_FOLDER, JENKINS_GIT_CREDENTIALS_ID)
    /// from <paramref name="configuration"/> and reads JENKINS_TOKEN through <see cref="ISecretProvider"/>
    /// on each call (a configuration-backed provider is added when none is registered). Settings are
    /// validated when a call needs them, not at start-up: missing or invalid ones fail that call with an
    /// IntegrationNotConfiguredException naming them.
    /// </summary>
    public static IServiceCollection AddJenkinsBuildServer(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton<ISecretProvider>(_ => new ConfigurationSecretProvider(configuration));
        services.AddOptions<JenkinsOptions>().Bind(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JenkinsOptions>, JenkinsOptionsValidator>());
        services.TryAddSingleton(new JenkinsClientTuning());

        // One timeout per attempt and no retries: the orchestrator's durable retry policy retries the activity.
        services.AddHttpClient(JenkinsConnection.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // Each call keeps its own Jenkins session (the crumb is bound to it): no process-wide cookie jar.
                UseCookies = false,
                // The token must not follow a redirect to another address.
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            // The factory's request logging keeps raw header values in its structured state (only its text is
            // redacted), and the Authorization header holds the token: this client logs its own actions instead.
            .RemoveAllLoggers()
            .AddResilienceHandler("jenkins-attempt", (pipeline, context) =>
                pipeline.AddTimeout(context.ServiceProvider.GetRequiredService<JenkinsClientTuning>().AttemptTimeout));

        services.Replace(ServiceDescriptor.Singleton<IBuildServer, JenkinsBuildServer>());
        return services;
    }
}
