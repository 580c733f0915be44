using Provisioner.Testing.Azurite;

namespace Provisioner.Durable.Tests.Support;

/// <summary>One private Azurite for every test of the collection; each test uses a task hub of its own.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteServer? server;

    internal AzuriteServer Server => server ?? throw new InvalidOperationException("Azurite has not started.");

    public async Task InitializeAsync() => server = await AzuriteServer.StartAsync();

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
    public const string Name = "Azurite";
}
