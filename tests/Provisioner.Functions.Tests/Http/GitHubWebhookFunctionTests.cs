using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Provisioner.Api;
using Provisioner.Functions.Http;
using Provisioner.GitHub.Webhooks;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Integrations;
using Provisioner.Workflow.Integrations.Templates;

namespace Provisioner.Functions.Tests.Http;

/// <summary>The webhook function's binding: raw body and headers reach the API unchanged; refusals touch nothing.</summary>
public sealed class GitHubWebhookFunctionTests
{
    private const string Secret = "binding-test-secret";

    [Fact]
    public async Task A_signed_ping_read_from_the_raw_request_is_answered()
    {
        var body = "{\"zen\":\"Design for failure.\"}";
        var context = Request(body, WebhookSignature.Sign(Secret, Encoding.UTF8.GetBytes(body)), "ping");

        var result = await ReceiveAsync(Function(), context, StrictClient().Object);

        Assert.Equal(200, result.StatusCode);
        Assert.Contains("pong", result.Content);
    }

    [Fact]
    public async Task An_unsigned_delivery_is_401_problem_and_never_reaches_the_durable_client()
    {
        var context = Request("{\"action\":\"closed\"}", signature: null, "pull_request");
        var client = StrictClient();

        var result = await ReceiveAsync(Function(), context, client.Object);

        Assert.Equal(401, result.StatusCode);
        Assert.Equal("application/problem+json", result.ContentType);
        client.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task An_oversized_delivery_is_413_without_reading_it_all()
    {
        var context = Request(new string('x', ApiBodyLimits.GitHubDelivery + 100_000), signature: "sha256=00", "pull_request");

        var result = await ReceiveAsync(Function(), context, StrictClient().Object);

        Assert.Equal(413, result.StatusCode);
        Assert.True(context.Request.Body.Position <= ApiBodyLimits.GitHubDelivery + 16 * 1024 + 1);
    }

    [Fact]
    public async Task A_webhook_secret_that_cannot_be_read_is_503_naming_the_fix_and_touches_nothing()
    {
        var secrets = new Mock<ISecretProvider>();
        secrets.Setup(s => s.GetSecretAsync(SettingNames.WebhookSecret, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new PermanentIntegrationException("Key Vault refused to read WEBHOOK-SECRET: grant the app's identity 'Key Vault Secrets User'."));
        var function = Function(new Dictionary<string, string?>(), secrets.Object);
        var client = StrictClient();

        var result = await ReceiveAsync(function, Request("{}", "sha256=00", "ping"), client.Object);

        Assert.Equal(503, result.StatusCode);
        Assert.Equal("application/problem+json", result.ContentType);
        Assert.Contains("Key Vault Secrets User", result.Content);
        client.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_signed_pull_request_delivery_without_a_configured_sites_repository_is_503()
    {
        var body = "{\"action\":\"closed\",\"pull_request\":{\"number\":1,\"merged\":true,\"head\":{\"ref\":\"provision/x\"}}}";
        var client = StrictClient();

        var result = await ReceiveAsync(Function(), Request(body, WebhookSignature.Sign(Secret, Encoding.UTF8.GetBytes(body)), "pull_request"), client.Object);

        Assert.Equal(503, result.StatusCode);
        Assert.Contains("GITHUB_OWNER", result.Content);
        client.VerifyNoOtherCalls();
    }

    private static (ProvisionFunctions Function, IServiceProvider Services) Function(Dictionary<string, string?>? settings = null, ISecretProvider? secrets = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?> { [SettingNames.WebhookSecret] = Secret })
            .Build();
        var services = new ServiceCollection().AddLogging();
        if (secrets is not null)
        {
            services.AddSingleton(secrets);
        }

        services.AddSingleton(Mock.Of<ITemplateCatalog>()).AddSingleton(Mock.Of<ITemplateRenderer>());
        services.AddProvisionerApi(configuration);
        var provider = services.BuildServiceProvider();
        return (ActivatorUtilities.CreateInstance<ProvisionFunctions>(provider), provider);
    }

    /// <summary>Runs the function and executes the result it returns, as the Functions ASP.NET Core integration does.</summary>
    private static async Task<(int StatusCode, string? ContentType, string Content)> ReceiveAsync(
        (ProvisionFunctions Function, IServiceProvider Services) target, DefaultHttpContext context, DurableTaskClient client)
    {
        context.RequestServices = target.Services;
        var response = new MemoryStream();
        context.Response.Body = response;
        var result = await target.Function.ReceiveGitHubDeliveryAsync(context.Request, client, FunctionContext());
        await result.ExecuteAsync(context);
        return (context.Response.StatusCode, context.Response.ContentType, Encoding.UTF8.GetString(response.ToArray()));
    }

    private static Mock<DurableTaskClient> StrictClient() => new(MockBehavior.Strict, "test");

    private static FunctionContext FunctionContext()
    {
        var context = new Mock<FunctionContext>();
        context.Setup(c => c.CancellationToken).Returns(CancellationToken.None);
        return context.Object;
    }

    private static DefaultHttpContext Request(string body, string? signature, string eventName)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("provisioner.azurewebsites.net");
        context.Request.Path = "/api/github/webhook";
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        context.Request.Headers["X-GitHub-Event"] = eventName;
        context.Request.Headers["X-GitHub-Delivery"] = Guid.NewGuid().ToString();
        if (signature is not null)
        {
            context.Request.Headers[WebhookSignature.Header] = signature;
        }

        return context;
    }
}
