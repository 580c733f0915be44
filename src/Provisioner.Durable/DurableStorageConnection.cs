using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using DurableTask.AzureStorage;
using Microsoft.Extensions.Configuration;

namespace Provisioner.Durable;

/// <summary>
/// The storage account of the Azure Storage backend, read from <c>AzureWebJobsStorage</c> the way the
/// Functions host reads it: a connection string (<c>UseDevelopmentStorage=true</c> for Azurite), or
/// an identity-based connection (<c>AzureWebJobsStorage__accountName</c>, or the three
/// <c>__blobServiceUri</c>/<c>__queueServiceUri</c>/<c>__tableServiceUri</c>) with
/// <c>__credential=managedidentity</c> (and <c>__clientId</c> for a user-assigned identity) or, without
/// it, <see cref="DefaultAzureCredential"/> (Azure CLI, environment, workload identity…).
/// </summary>
internal sealed class DurableStorageConnection
{
    /// <summary>The setting the Functions host keeps its storage connection in.</summary>
    public const string SettingName = DurableEngineOptions.StorageConnectionSetting;

    private readonly Func<StorageAccountClientProvider> createClientProvider;

    private DurableStorageConnection(Uri blobEndpoint, Func<StorageAccountClientProvider> createClientProvider)
    {
        BlobEndpoint = blobEndpoint;
        this.createClientProvider = createClientProvider;
    }

    /// <summary>The account's blob endpoint, without anything secret: for people to read.</summary>
    public Uri BlobEndpoint { get; }

    /// <summary>The connection the configuration names, or null when it names none (the engine then runs in memory).</summary>
    public static DurableStorageConnection? FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(SettingName);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return FromConnectionString(section.Value.Trim());
        }

        if (section["accountName"] is { Length: > 0 } accountName)
        {
            return new DurableStorageConnection(
                new Uri($"https://{accountName}.blob.core.windows.net/"),
                () => new StorageAccountClientProvider(accountName, Credential(section)));
        }

        var services = new[] { "blobServiceUri", "queueServiceUri", "tableServiceUri" };
        var uris = services.Select(service => section[service]).ToArray();
        if (uris.All(string.IsNullOrWhiteSpace))
        {
            return null;
        }

        var missing = services.Where((_, i) => string.IsNullOrWhiteSpace(uris[i])).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"{SettingName} names storage service URIs but not {string.Join(", ", missing.Select(s => $"{SettingName}__{s}"))}: the durable engine needs blobs, queues and tables. " +
                $"Set all three, or set {SettingName}__accountName alone.");
        }

        var parsed = uris.Select((uri, i) => Uri.TryCreate(uri, UriKind.Absolute, out var u)
            ? u
            : throw new InvalidOperationException($"{SettingName}__{services[i]} is not an absolute URI. Set it to the account's endpoint, e.g. https://myaccount.{services[i][..^"ServiceUri".Length]}.core.windows.net/.")).ToArray();
        return new DurableStorageConnection(parsed[0], () => new StorageAccountClientProvider(parsed[0], parsed[1], parsed[2], Credential(section)));
    }

    /// <summary>A client provider for the task hub; the backend makes its clients from it.</summary>
    public StorageAccountClientProvider CreateClientProvider() => createClientProvider();

    private static DurableStorageConnection FromConnectionString(string connectionString)
    {
        Uri blobEndpoint;
        try
        {
            blobEndpoint = new BlobServiceClient(connectionString).Uri;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            // The message never quotes the connection string: it may hold the account key.
            throw new InvalidOperationException(
                $"{SettingName} is not an Azure Storage connection string ({e.GetType().Name}). " +
                $"Set it to UseDevelopmentStorage=true for Azurite, to the account's connection string, or use {SettingName}__accountName for a managed identity.");
        }

        return new DurableStorageConnection(new Uri(blobEndpoint.GetLeftPart(UriPartial.Path)), () => new StorageAccountClientProvider(connectionString));
    }

    private static TokenCredential Credential(IConfigurationSection section) =>
        string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(section["clientId"] is { Length: > 0 } clientId
                ? ManagedIdentityId.FromUserAssignedClientId(clientId)
                : ManagedIdentityId.SystemAssigned)
            : new DefaultAzureCredential();
}
