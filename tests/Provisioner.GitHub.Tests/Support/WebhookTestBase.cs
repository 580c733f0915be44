namespace Provisioner.GitHub.Tests.Support;

/// <summary>A simulator whose webhooks, signed with <see cref="Secret"/>, go to a receiver of the test's own.</summary>
public abstract class WebhookTestBase : IAsyncLifetime
{
    /// <summary>The secret of GitHub's documented signature example.</summary>
    protected const string Secret = "It's a Secret to Everybody";

    private protected WebhookReceiver Receiver { get; private set; } = null!;

    private protected GitHubTestBed Bed { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        Bed = await GitHubTestBed.StartAsync(o =>
        {
            o.WebhookUrl = Receiver.Url;
            o.WebhookSecret = Secret;
        });
    }

    public async Task DisposeAsync()
    {
        await Bed.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
