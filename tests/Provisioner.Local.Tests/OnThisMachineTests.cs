using Microsoft.Extensions.Configuration;
using Provisioner.Local.Sandbox;
using Provisioner.Sandbox;

namespace Provisioner.Local.Tests;

/// <summary>
/// Jenkins and Kubernetes on this machine (loopback) are polled every second or two and a loopback
/// cluster's sites are never looked up in DNS; anything else keeps the production schedule and DNS.
/// </summary>
public sealed class OnThisMachineTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("on-this-machine-").FullName;

    [Theory]
    [InlineData("http://127.0.0.1:8091/", SandboxIntegrations.Jenkins)]
    [InlineData("http://localhost:8080/jenkins/", SandboxIntegrations.Jenkins)]
    [InlineData("http://[::1]:8080/", SandboxIntegrations.Jenkins)]
    [InlineData("https://jenkins.example.com/", SandboxIntegrations.None)]
    [InlineData("https://10.0.0.7:8443/", SandboxIntegrations.None)]
    public void A_Jenkins_is_on_this_machine_when_its_URL_is_loopback(string url, SandboxIntegrations expected) =>
        Assert.Equal(expected, OnThisMachine.Integrations(Settings(("JENKINS_URL", url)), sandbox: null));

    [Theory]
    [InlineData("https://127.0.0.1:6443", SandboxIntegrations.Kubernetes)]
    [InlineData("https://localhost:39201", SandboxIntegrations.Kubernetes)]
    [InlineData("https://k8s.example.com:6443", SandboxIntegrations.None)]
    [InlineData("https://192.168.49.2:8443", SandboxIntegrations.None)]
    public void A_cluster_is_on_this_machine_when_its_kubeconfigs_server_is_loopback(string server, SandboxIntegrations expected)
    {
        var path = Path.Combine(folder, "kubeconfig");
        File.WriteAllText(path, Kubeconfig(server));

        Assert.Equal(expected, OnThisMachine.Integrations(Settings(("KUBECONFIG", path)), sandbox: null));
        Assert.Equal(expected, OnThisMachine.Integrations(Settings(("KUBECONFIG_CONTENT", Kubeconfig(server))), sandbox: null));
    }

    [Theory]
    [InlineData("not: [a kubeconfig")]
    [InlineData("apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n")]
    public void An_unreadable_kubeconfig_is_not_on_this_machine_and_is_left_to_the_integration_to_report(string content) =>
        Assert.Equal(SandboxIntegrations.None, OnThisMachine.Integrations(Settings(("KUBECONFIG_CONTENT", content)), sandbox: null));

    [Fact]
    public void A_missing_kubeconfig_file_is_not_on_this_machine() =>
        Assert.Equal(SandboxIntegrations.None, OnThisMachine.Integrations(Settings(("KUBECONFIG", Path.Combine(folder, "missing"))), sandbox: null));

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static IConfiguration Settings(params (string Name, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Name, (string?)s.Value))).Build();

    private static string Kubeconfig(string server) => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: c
          cluster:
            server: {server}
            insecure-skip-tls-verify: true
        contexts:
        - name: c
          context:
            cluster: c
            user: u
        current-context: c
        users:
        - name: u
          user:
            token: t
        """;
}
