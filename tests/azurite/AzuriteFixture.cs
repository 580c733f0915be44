using Xunit;

namespace Provisioner.Testing.Azurite;

/// <summary>Where a test's durable engine keeps its state.</summary>
public enum Backend
{
    /// <summary>The in-memory engine.</summary>
    InMemory,

    /// <summary>The Azure Storage backend, on the collection's private Azurite.</summary>
    Azurite,
}

/// <summary>
/// One private Azurite for every test of the <see cref="AzuriteCollection"/>; each test uses a task hub
/// of its own. Linked into every test project that imports tests/azurite/Azurite.targets.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteServer? server;

    /// <summary>Both backends, for a theory that must hold on each.</summary>
    public static TheoryData<Backend> Backends => new() { Backend.InMemory, Backend.Azurite };

    internal AzuriteServer Server => server ?? throw new InvalidOperationException("Azurite has not started.");

    /// <summary>
    /// The settings that put a host's durable engine on <paramref name="backend"/> in a new task hub
    /// (<c>AzureWebJobsStorage</c> empty in memory, so a developer's own setting cannot leak in).
    /// </summary>
    public Dictionary<string, string?> EngineSettings(Backend backend) => new()
    {
        ["AzureWebJobsStorage"] = backend == Backend.Azurite ? Server.ConnectionString : "",
        ["TASKHUB_NAME"] = "t" + Guid.NewGuid().ToString("N")[..16],
    };

    /// <inheritdoc/>
    public async Task InitializeAsync() => server = await AzuriteServer.StartAsync();

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}

/// <summary>The tests that need Azurite: they share one and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Azurite";
}
