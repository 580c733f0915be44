using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Moq;
using Provisioner.Workflow.Activities;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Integrations.Ci;

namespace Provisioner.Workflow.Tests.Activities;

/// <summary>A failed build's console tail leaves the activity without the app's own secrets.</summary>
public sealed class GetBuildProgressActivityTests
{
    private static readonly QueuedBuild Queued = new(new BuildJobRef("sites/shop-example-com", "https://jenkins.example/job/sites/job/shop-example-com/"), 9, "https://jenkins.example/queue/item/9/", "prv-1");

    // Assembled at run time so the repository holds nothing a secret scanner flags.
    private static readonly string JenkinsToken = "11" + new string('a', 30) + "f0";
    private static readonly string ClusterToken = "sim-" + new string('b', 32);

    [Fact]
    public async Task Secrets_printed_by_a_build_are_masked_in_the_console_tail_and_nothing_else_changes()
    {
        var console = new[]
        {
            "+ curl -u provisioner:" + JenkinsToken + " https://jenkins.example/",
            "+ kubectl --token=" + ClusterToken + " apply -f k8s/",
            "+ echo test",
            "Finished: FAILURE",
        };
        var activity = Activity(new BuildProgress(BuildState.Finished, 3, "https://jenkins.example/3/", "FAILURE", "Build #3 finished: FAILURE.", console), new()
        {
            [SettingNames.JenkinsToken] = JenkinsToken,
            [SettingNames.KubeConfigContent] = $"apiVersion: v1\nusers:\n- name: sim\n  user:\n    token: {ClusterToken}\n",
            [SettingNames.WebhookSecret] = "tes",
        });

        var progress = await activity.RunAsync(Mock.Of<TaskActivityContext>(), Queued);

        Assert.Equal(
            ["+ curl -u provisioner:*** https://jenkins.example/", "+ kubectl --token=*** apply -f k8s/", "+ echo test", "Finished: FAILURE"],
            progress.ConsoleTail);
        Assert.Equal(("FAILURE", "Build #3 finished: FAILURE.", 3), (progress.Result, progress.Detail, progress.BuildNumber));
    }

    [Fact]
    public async Task A_look_without_a_console_tail_reads_no_secret()
    {
        var secrets = new Mock<ISecretProvider>(MockBehavior.Strict);
        var running = new BuildProgress(BuildState.Running, 3, "https://jenkins.example/3/", null, null);
        var activity = new GetBuildProgressActivity(Mock.Of<IBuildServer>(b => b.GetBuildProgressAsync(Queued, It.IsAny<CancellationToken>()) == Task.FromResult(running)), secrets.Object);

        Assert.Same(running, await activity.RunAsync(Mock.Of<TaskActivityContext>(), Queued));
    }

    private static GetBuildProgressActivity Activity(BuildProgress answer, Dictionary<string, string?> settings) =>
        new(Mock.Of<IBuildServer>(b => b.GetBuildProgressAsync(Queued, It.IsAny<CancellationToken>()) == Task.FromResult(answer)),
            new ConfigurationSecretProvider(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()));
}
