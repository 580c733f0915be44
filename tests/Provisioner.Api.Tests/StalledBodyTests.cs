using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Provisioner.Api.Tests.Harness;
using Provisioner.GitHub.Webhooks;
using Provisioner.Workflow.Provisions;
using Provisioner.Workflow.Validation;

namespace Provisioner.Api.Tests;

/// <summary>A body the server gives up reading (Kestrel's minimum data rate, a dropped upload) is the client's trouble: answered, not thrown.</summary>
public sealed class StalledBodyTests(WorkflowHostFixture fixture) : IClassFixture<WorkflowHostFixture>
{
    [Fact]
    public async Task A_stalled_provision_body_is_a_408_problem_and_no_error_is_logged()
    {
        var context = Request(new BadHttpRequestException("Reading the request body timed out due to data arriving too slowly. See MinRequestBodyDataRate.", 408));
        var services = fixture.Host.Services;

        var result = await ProvisionsApi.StartProvisionAsync(context.Request, fixture.Host.Client, services.GetRequiredService<ProvisionService>(),
            services.GetRequiredService<ProvisionRequestValidator>(), services.GetRequiredService<IManagementLinks>(), CancellationToken.None);
        var (status, body) = await ExecuteAsync(result.Result, context);

        Assert.Equal(408, status);
        Assert.Equal("urn:provisioner:problem:request-timeout", (string?)JsonNode.Parse(body)!["type"]);
        Assert.DoesNotContain(fixture.Host.Logs.Collector.GetSnapshot(), r => r.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task A_webhook_delivery_cut_off_midway_is_a_400_problem_not_an_exception()
    {
        var context = Request(new IOException("The client reset the request stream."));
        var services = fixture.Host.Services;

        var result = await GitHubWebhookApi.ReceiveDeliveryAsync(context.Request, fixture.Host.Client,
            services.GetRequiredService<GitHubWebhookInbox>(), services.GetRequiredService<PullRequestClosedNotifier>(), CancellationToken.None);
        var (status, _) = await ExecuteAsync(result.Result, context);

        Assert.Equal(400, status);
        Assert.DoesNotContain(fixture.Host.Logs.Collector.GetSnapshot(), r => r.Level >= LogLevel.Error);
    }

    private DefaultHttpContext Request(Exception readFailure)
    {
        var context = new DefaultHttpContext { RequestServices = fixture.Host.Services };
        context.Request.Method = "POST";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("provisioner.test");
        context.Request.ContentType = "application/json";
        context.Request.Body = new FailingStream(readFailure);
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static async Task<(int Status, string Body)> ExecuteAsync(IResult result, DefaultHttpContext context)
    {
        await result.ExecuteAsync(context);
        return (context.Response.StatusCode, Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray()));
    }

    /// <summary>A request body that delivers a few bytes, then fails the way the server reports a stalled or broken upload.</summary>
    private sealed class FailingStream(Exception failure) : Stream
    {
        private bool delivered;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (delivered)
            {
                throw failure;
            }

            delivered = true;
            "{\"domain\":"u8.CopyTo(buffer.Span);
            return ValueTask.FromResult(10);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
