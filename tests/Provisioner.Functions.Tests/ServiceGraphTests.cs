using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Provisioner.Functions.Hosting;
using Provisioner.Functions.Http;
using Provisioner.Workflow.Activities;
using Provisioner.Workflow.Integrations.Ci;
using Provisioner.Workflow.Integrations.Cluster;
using Provisioner.Workflow.Integrations.SourceControl;
using Provisioner.Workflow.Integrations.Templates;

namespace Provisioner.Functions.Tests;

/// <summary>The app's DI graph, built as Program.cs builds it, from local.settings.sample.json: every function and activity resolves.</summary>
public sealed class ServiceGraphTests
{
    [Fact]
    public void Every_function_class_and_activity_resolves_from_the_sample_settings()
    {
        using var services = Build();

        Assert.NotNull(ActivatorUtilities.CreateInstance<ProvisionFunctions>(services));
        foreach (var activity in typeof(OpenPullRequestActivity).Assembly.GetTypes().Where(t => t.Name.EndsWith("Activity", StringComparison.Ordinal) && !t.IsAbstract))
        {
            Assert.NotNull(ActivatorUtilities.CreateInstance(services, activity));
        }
    }

    [Fact]
    public void The_real_integrations_replace_the_placeholders()
    {
        using var services = Build();

        Assert.Equal("Provisioner.GitHub", services.GetRequiredService<ISourceControl>().GetType().Assembly.GetName().Name);
        Assert.Equal("Provisioner.Jenkins", services.GetRequiredService<IBuildServer>().GetType().Assembly.GetName().Name);
        Assert.Equal("Provisioner.Kubernetes", services.GetRequiredService<IClusterClient>().GetType().Assembly.GetName().Name);
        Assert.Equal("Provisioner.Kubernetes", services.GetRequiredService<ILiveSiteProbe>().GetType().Assembly.GetName().Name);
        Assert.Equal("Provisioner.Templates", services.GetRequiredService<ITemplateCatalog>().GetType().Assembly.GetName().Name);
        Assert.Contains(services.GetRequiredService<ITemplateCatalog>().List(), t => t.Id == "static-site");
    }

    private static ServiceProvider Build()
    {
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "local.settings.sample.json")))!["Values"]!.AsObject();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(sample.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value)))
            .Build();
        var services = new ServiceCollection().AddLogging(b => b.ClearProviders()).AddProvisioner(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
