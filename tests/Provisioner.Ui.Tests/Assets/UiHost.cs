using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Provisioner.Ui.Tests.Assets;

/// <summary>An in-memory host with only the UI mapped, as the runner maps it.</summary>
internal sealed class UiHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private UiHost(WebApplication app)
    {
        this.app = app;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public static async Task<UiHost> StartAsync(Action<UiOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        if (configure is not null)
        {
            builder.Services.Configure(configure);
        }

        var app = builder.Build();
        app.MapGroup("/api").MapUiAssets();
        app.MapUiRootRedirect();
        await app.StartAsync();
        return new UiHost(app);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.DisposeAsync();
    }
}
