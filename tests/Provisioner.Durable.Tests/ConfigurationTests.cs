using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Provisioner.Durable.Tests;

/// <summary>How <see cref="DurableEngineServiceCollectionExtensions.AddDurableEngine"/> reads its settings: the backend, the task hub, the limits.</summary>
public sealed class ConfigurationTests
{
    private static readonly JsonNode HostJson = JsonNode.Parse(File.ReadAllText(RepositoryFile("host.json")))!;

    [Fact]
    public void Without_a_storage_connection_the_engine_runs_in_memory_and_says_state_is_lost_on_exit()
    {
        var info = Resolve<DurableEngineInfo>([]);

        Assert.Equal(DurableBackend.InMemory, info.Backend);
        Assert.False(info.KeepsStateAcrossRestarts);
        Assert.Contains("lost when this process exits", info.Description, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage", info.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_limits_are_host_json_s_by_default()
    {
        var info = Resolve<DurableEngineInfo>([]);

        Assert.Equal((int)HostJson["extensions"]!["durableTask"]!["maxConcurrentOrchestratorFunctions"]!, info.MaxConcurrentOrchestratorFunctions);
        Assert.Equal((int)HostJson["extensions"]!["durableTask"]!["maxConcurrentActivityFunctions"]!, info.MaxConcurrentActivityFunctions);
    }

    [Fact]
    public void The_functions_host_override_convention_overrides_host_json()
    {
        IConfiguration configuration;
        Environment.SetEnvironmentVariable("AzureFunctionsJobHost__extensions__durableTask__maxConcurrentActivityFunctions", "7");
        try
        {
            configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        }
        finally
        {
            Environment.SetEnvironmentVariable("AzureFunctionsJobHost__extensions__durableTask__maxConcurrentActivityFunctions", null);
        }

        var info = ResolveFrom<DurableEngineInfo>(configuration);

        Assert.Equal(7, info.MaxConcurrentActivityFunctions);
        Assert.Equal((int)HostJson["extensions"]!["durableTask"]!["maxConcurrentOrchestratorFunctions"]!, info.MaxConcurrentOrchestratorFunctions);
    }

    [Fact]
    public void The_task_hub_is_the_setting_host_json_names_with_a_default_when_unset()
    {
        Assert.Equal("%TASKHUB_NAME%", (string?)HostJson["extensions"]!["durableTask"]!["hubName"]);

        Assert.Equal("Provisioner42", Resolve<DurableEngineInfo>(new() { ["TASKHUB_NAME"] = "Provisioner42" }).TaskHubName);
        Assert.Equal(DurableEngineOptions.DefaultHubName, Resolve<DurableEngineInfo>([]).TaskHubName);
    }

    [Fact]
    public void A_connection_string_selects_azure_storage_and_nothing_secret_is_shown()
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        var info = Resolve<DurableEngineInfo>(new()
        {
            ["AzureWebJobsStorage"] = $"DefaultEndpointsProtocol=https;AccountName=provisionerdata;AccountKey={key};EndpointSuffix=core.windows.net",
            ["TASKHUB_NAME"] = "Provisioner",
        });

        Assert.Equal(DurableBackend.AzureStorage, info.Backend);
        Assert.True(info.KeepsStateAcrossRestarts);
        Assert.Equal(new Uri("https://provisionerdata.blob.core.windows.net/"), info.StorageEndpoint);
        Assert.Contains("task hub Provisioner at https://provisionerdata.blob.core.windows.net/", info.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(key, info.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Development_storage_selects_azure_storage_on_azurite_s_default_endpoint()
    {
        var info = Resolve<DurableEngineInfo>(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        Assert.Equal(DurableBackend.AzureStorage, info.Backend);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), info.StorageEndpoint);
    }

    [Fact]
    public void An_identity_based_connection_selects_azure_storage_like_the_functions_host()
    {
        var byAccount = Resolve<DurableEngineInfo>(new()
        {
            ["AzureWebJobsStorage:accountName"] = "provisionerdata",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
        });
        Assert.Equal(DurableBackend.AzureStorage, byAccount.Backend);
        Assert.Equal(new Uri("https://provisionerdata.blob.core.windows.net/"), byAccount.StorageEndpoint);

        var byUris = Resolve<DurableEngineInfo>(new()
        {
            ["AzureWebJobsStorage:blobServiceUri"] = "https://data.blob.example.net/",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://data.queue.example.net/",
            ["AzureWebJobsStorage:tableServiceUri"] = "https://data.table.example.net/",
        });
        Assert.Equal(new Uri("https://data.blob.example.net/"), byUris.StorageEndpoint);
    }

    [Fact]
    public void Service_uris_without_the_table_one_are_refused_with_the_setting_to_add()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve<DurableEngineInfo>(new()
        {
            ["AzureWebJobsStorage:blobServiceUri"] = "https://data.blob.example.net/",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://data.queue.example.net/",
        }));

        Assert.Contains("AzureWebJobsStorage__tableServiceUri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_connection_string_is_refused_without_quoting_it()
    {
        const string Secret = "not-a-connection-string-but-a-secret";

        var error = Assert.Throws<OptionsValidationException>(() => Resolve<DurableEngineInfo>(new() { ["AzureWebJobsStorage"] = Secret }));

        Assert.Contains("UseDevelopmentStorage=true", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TASKHUB_NAME", "my-hub", "TASKHUB_NAME")]
    [InlineData("TASKHUB_NAME", "ab", "TASKHUB_NAME")]
    [InlineData("AzureFunctionsJobHost:extensions:durableTask:maxConcurrentActivityFunctions", "0", "AzureFunctionsJobHost__extensions__durableTask__maxConcurrentActivityFunctions")]
    [InlineData("AzureFunctionsJobHost:extensions:durableTask:maxConcurrentOrchestratorFunctions", "-1", "AzureFunctionsJobHost__extensions__durableTask__maxConcurrentOrchestratorFunctions")]
    [InlineData("AzureFunctionsJobHost:extensions:durableTask:storageProvider:maxQueuePollingInterval", "00:00:00", "AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval")]
    public void Settings_the_engine_cannot_run_with_are_refused_naming_the_setting(string key, string value, string named)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve<IOptions<DurableEngineOptions>>(new() { [key] = value }).Value);

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    private static T Resolve<T>(Dictionary<string, string?> settings)
        where T : notnull =>
        ResolveFrom<T>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    private static T ResolveFrom<T>(IConfiguration configuration)
        where T : notnull
    {
        var services = new ServiceCollection().AddLogging();
        services.AddDurableEngine(configuration, _ => { });
        return services.BuildServiceProvider().GetRequiredService<T>();
    }

    private static string RepositoryFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Provisioner.sln")))
            {
                return Path.Combine(dir.FullName, name);
            }
        }

        throw new FileNotFoundException($"No {name} above {AppContext.BaseDirectory}.");
    }
}
