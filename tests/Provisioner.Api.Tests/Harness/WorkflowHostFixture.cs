namespace Provisioner.Api.Tests.Harness;

/// <summary>One in-process durable host shared by a test class.</summary>
public sealed class WorkflowHostFixture : IAsyncLifetime
{
    internal WorkflowHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await WorkflowHost.StartAsync(settings: new Dictionary<string, string?>
    {
        ["ALLOWED_PARENT_DOMAINS"] = "",
    });

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
