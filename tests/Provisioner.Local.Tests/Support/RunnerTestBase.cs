using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Provisioner.Simulators.GitHub.State;

namespace Provisioner.Local.Tests.Support;

/// <summary>A local runner on a free port for each test, its every log line captured, and a client of its API.</summary>
public abstract class RunnerTestBase : IAsyncLifetime
{
    internal FakeLoggerProvider Logs { get; } = new();

    internal LocalRunner Runner { get; private set; } = null!;

    internal HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Runner = await LocalRunner.StartAsync(new LocalRunnerOptions { Port = 0 }, logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        Http = new HttpClient { BaseAddress = Runner.BaseUrl };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Runner.DisposeAsync();
    }

    /// <summary>The pull request a provision opened in the GitHub simulator.</summary>
    internal SimulatedPullRequest PullRequestOf(string provisionId)
    {
        lock (Runner.GitHub!.State.Sync)
        {
            return Runner.GitHub!.State.FindRepository(LocalRunner.Owner, LocalRunner.Repository)!.PullRequests.Values.Single(p => p.Head == "provision/" + provisionId);
        }
    }
}
