using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Provisioner.Simulators.Jenkins;
using Provisioner.Simulators.Jenkins.Security;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Integrations.Ci;
using Provisioner.Workflow.Integrations.SourceControl;
using Provisioner.Workflow.Model;

namespace Provisioner.Jenkins.Tests.Support;

/// <summary>A Jenkins simulator and the Jenkins build server wired to it through DI, as the app registers it.</summary>
internal sealed class JenkinsTestBed : IAsyncDisposable
{
    public const string User = "provisioner";
    public const string Password = "password-that-must-never-leak-1234";
    public const string Token = "11c0ffee-token-that-must-never-leak-42";
    public const string Folder = "provisioned-sites";
    public const string Domain = "shop.example.com";
    public const string CloneUrl = "https://github.com/contoso/sites.git";

    private JenkinsTestBed(JenkinsSimulator simulator, FakeTimeProvider? time)
    {
        Simulator = simulator;
        Time = time;
    }

    public JenkinsSimulator Simulator { get; }

    /// <summary>The simulator's clock when the test drives time; null when it runs on the real clock.</summary>
    public FakeTimeProvider? Time { get; }

    /// <summary>Every log line the build servers made by this bed wrote.</summary>
    public FakeLogCollector Logs { get; } = new();

    public static SiteIdentity Site { get; } = SiteIdentity.For(Domain, "sites");

    public string JobFullName => Folder + "/" + Site.AppName;

    public static async Task<JenkinsTestBed> StartAsync(bool fakeTime = false, Action<JenkinsSimulatorOptions>? configure = null)
    {
        var time = fakeTime ? new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero)) : null;
        var options = new JenkinsSimulatorOptions();
        options.Users.Clear();
        options.Users.Add(new JenkinsUser(User, Password, Token));
        if (time is not null)
        {
            options.TimeProvider = time;
        }

        configure?.Invoke(options);
        return new JenkinsTestBed(await JenkinsSimulator.StartAsync(options), time);
    }

    /// <summary>The build server as the app registers it, with <paramref name="settings"/> over the defaults (null removes one).</summary>
    /// <param name="spy">A handler put in front of the client's HTTP calls, to watch or disturb them.</param>
    public IBuildServer BuildServer(IDictionary<string, string?>? settings = null, string? token = Token, TimeSpan? attemptTimeout = null, ISecretProvider? secrets = null, Func<DelegatingHandler>? spy = null)
    {
        var values = new Dictionary<string, string?>
        {
            [SettingNames.JenkinsUrl] = Simulator.BaseUrl.ToString(),
            [SettingNames.JenkinsUser] = User,
            [SettingNames.JenkinsToken] = token,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(Logs)));
        services.AddSingleton(new JenkinsClientTuning { AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(5) });
        if (secrets is not null)
        {
            services.AddSingleton(secrets);
        }

        services.AddJenkinsBuildServer(configuration);
        if (spy is not null)
        {
            services.AddHttpClient(Http.JenkinsConnection.HttpClientName).AddHttpMessageHandler(spy);
        }

        return services.BuildServiceProvider().GetRequiredService<IBuildServer>();
    }

    public static BuildJobSpec Spec(string branch = "main", string cloneUrl = CloneUrl, IReadOnlyList<string>? parameters = null) => new(
        Site,
        new SourceRepository(cloneUrl, branch),
        Site.RepositoryPath + "/Jenkinsfile",
        parameters ?? [BuildParameterNames.GitCommit, "IMAGE", BuildParameterNames.ProvisionId]);

    public static Dictionary<string, string> Parameters(string provisionId) => new()
    {
        [BuildParameterNames.ProvisionId] = provisionId,
        [BuildParameterNames.GitCommit] = "0123456789abcdef0123456789abcdef01234567",
        ["IMAGE"] = "registry.example.com/sites/" + Site.AppName,
    };

    /// <summary>The requests the client sent (calls to Jenkins' API), as "METHOD path".</summary>
    public IReadOnlyList<string> Calls => [.. Simulator.Log.ApiCalls.Select(c => $"{c.Method} {c.Path}")];

    public ValueTask DisposeAsync() => Simulator.DisposeAsync();
}
