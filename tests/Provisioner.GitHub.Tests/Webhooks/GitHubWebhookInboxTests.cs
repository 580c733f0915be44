using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.GitHub.Webhooks;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Model;

namespace Provisioner.GitHub.Tests.Webhooks;

/// <summary>The inbox alone: what each kind of delivery becomes. Nothing here is HTTP.</summary>
public sealed class GitHubWebhookInboxTests
{
    private const string Secret = "inbox-test-secret";
    private static readonly string ProvisionId = Workflow.Model.ProvisionId.New("shop.example.com");

    [Fact]
    public async Task A_signed_closed_pull_request_of_a_provision_branch_becomes_the_workflows_typed_report()
    {
        var deliveryId = Guid.NewGuid();

        var verdict = await ReceiveAsync(ClosedEvent(merged: true), deliveryId: deliveryId.ToString());

        var closed = Assert.IsType<WebhookVerdict.PullRequestClosed>(verdict);
        Assert.Equal(deliveryId, closed.Report.ReportId);
        Assert.Equal(ProvisionId, closed.Report.ProvisionId);
        Assert.Equal(7, closed.Report.PullRequest.Number);
        Assert.True(closed.Report.PullRequest.Merged);
        Assert.Equal("abc123", closed.Report.PullRequest.MergeCommitSha);
        Assert.Equal("devops-alice", closed.Report.PullRequest.ClosedBy);
    }

    [Fact]
    public async Task The_signature_is_checked_before_anything_else_is_read()
    {
        Assert.IsType<WebhookVerdict.BadSignature>(await ReceiveAsync(Encoding.UTF8.GetBytes("not even json"), signature: "sha256=" + new string('0', 64), contentType: "text/plain"));
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task A_signed_delivery_that_is_not_json_is_refused_as_such(string? contentType) =>
        Assert.IsType<WebhookVerdict.UnsupportedContentType>(await ReceiveAsync(ClosedEvent(merged: true), contentType: contentType));

    [Theory]
    [InlineData("contoso/other", null, "is not the sites repository")]
    [InlineData("contoso/sites", "mallory/sites", "lives in 'mallory/sites'")]
    public async Task Deliveries_from_another_repository_or_a_fork_are_ignored(string repository, string? headRepository, string reason)
    {
        var verdict = await ReceiveAsync(ClosedEvent(merged: true, repository, headRepository));

        Assert.Contains(reason, Assert.IsType<WebhookVerdict.Ignored>(verdict).Reason);
    }

    [Fact]
    public async Task A_payload_field_that_is_not_valid_unicode_is_named()
    {
        var body = Encoding.UTF8.GetString(ClosedEvent(merged: true)).Replace("\"devops-alice\"", "\"\\ud800\"", StringComparison.Ordinal);

        var verdict = await ReceiveAsync(Encoding.UTF8.GetBytes(body));

        Assert.Equal("pull_request.merged_by.login", Assert.IsType<WebhookVerdict.Malformed>(verdict).Error.Field);
    }

    [Fact]
    public async Task Without_the_sites_repository_a_closed_pull_request_is_not_configured()
    {
        var verdict = await ReceiveAsync(ClosedEvent(merged: true), settings: new() { [SettingNames.WebhookSecret] = Secret });

        Assert.Contains(SettingNames.GitHubOwner, Assert.IsType<WebhookVerdict.NotConfigured>(verdict).Fix);
    }

    private static async Task<WebhookVerdict> ReceiveAsync(
        byte[] body, string? signature = null, string? contentType = "application/json", string? deliveryId = null, Dictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>
        {
            [SettingNames.WebhookSecret] = Secret,
            [SettingNames.GitHubOwner] = "contoso",
            [SettingNames.GitHubRepo] = "sites",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddGitHubWebhooks(configuration).BuildServiceProvider();
        var delivery = new GitHubDelivery("pull_request", deliveryId ?? Guid.NewGuid().ToString(), signature ?? WebhookSignature.Sign(Secret, body), contentType, body);
        return await services.GetRequiredService<GitHubWebhookInbox>().ReceiveAsync(delivery, CancellationToken.None);
    }

    private static byte[] ClosedEvent(bool merged, string repository = "contoso/sites", string? headRepository = null) =>
        Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new
        {
            action = "closed",
            number = 7,
            pull_request = new
            {
                number = 7,
                merged,
                merge_commit_sha = "abc123",
                merged_by = new { login = "devops-alice" },
                head = new { @ref = ProvisionBranch.For(ProvisionId), repo = new { full_name = headRepository ?? repository } },
            },
            repository = new { full_name = repository },
            sender = new { login = "devops-alice" },
        }));
}
