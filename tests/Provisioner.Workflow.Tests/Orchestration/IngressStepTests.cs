using Provisioner.Workflow.Activities;
using Provisioner.Workflow.Integrations.Cluster;
using Provisioner.Workflow.Model;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Workflow.Tests.Orchestration;

/// <summary>The ingress step: apply, wait for the ingress controller's address, probe the site through it, and only then Completed.</summary>
public sealed class IngressStepTests
{
    private static readonly LiveProbeResult Refused = new(false, null, false, "Nothing answered at 203.0.113.10:443 for shop.example.com: Connection refused Check the ingress controller's Service and logs.");
    private static readonly LiveProbeResult NoEndpoints = new(false, 503, false, "GET https://shop.example.com/ through 203.0.113.10:443 answered 503 Service Unavailable.");
    private static readonly LiveProbeResult Answered = new(true, 200, true, "GET https://shop.example.com/ through 203.0.113.10:443 answered 200 OK.");

    [Fact]
    public async Task The_address_is_awaited_the_site_probed_until_it_answers_and_only_then_the_provision_is_Completed()
    {
        var scenario = new OrchestratorScenario();
        scenario.Merge();
        scenario.AnswerInTurn<IngressAddress?>(GetIngressAddressActivity.Name, null, null, new IngressAddress("203.0.113.10"));
        scenario.AnswerInTurn(ProbeLiveSiteActivity.Name, Refused, NoEndpoints, Answered);

        var progress = await scenario.RunAsync();

        Assert.Equal(ProvisionStatus.Completed, progress.Status);
        Assert.Equal("https://shop.example.com/", progress.Links.LiveUrl);
        Assert.Equal(3, scenario.CallsOf(GetIngressAddressActivity.Name));
        Assert.Equal(3, scenario.CallsOf(ProbeLiveSiteActivity.Name));
        Assert.Equal(new IngressAddressQuery("sites", "shop-example-com"), scenario.Calls.First(c => c.Activity == GetIngressAddressActivity.Name).Input);
        Assert.All(scenario.Calls.Where(c => c.Activity == ProbeLiveSiteActivity.Name),
            c => Assert.Equal(new LiveProbeRequest("shop.example.com", new IngressAddress("203.0.113.10"), Tls: true), c.Input));
        Assert.Equal("shop-example-com", progress.Ingress!.Name);
        Assert.Equal("203.0.113.10", progress.Ingress.Address);
        Assert.Equal(Answered, progress.Ingress.Probe);
        var step = progress.Steps.Last();
        Assert.Equal((StepNames.Ingress, StepOutcome.Succeeded), (step.Name, step.Outcome));
        Assert.Equal("Ingress 'shop-example-com' routes shop.example.com at 203.0.113.10; GET https://shop.example.com/ through 203.0.113.10:443 answered 200 OK.", step.Detail);

        // GET status showed each stage while the step ran: no address yet, the address, an unanswered probe.
        var during = scenario.Published.Where(p => p.Status == ProvisionStatus.ConfiguringIngress && p.Ingress is not null).ToList();
        Assert.Contains(during, p => p.Ingress!.Address is null);
        Assert.Contains(during, p => p.Ingress!.Probe == NoEndpoints && p.Steps.Last().Detail == NoEndpoints.Detail && p.Links.LiveUrl is null);
    }

    [Theory]
    [InlineData("203.0.113.10", null, "203.0.113.10")]
    [InlineData("lb-1234.elb.example.net", 8443, "lb-1234.elb.example.net:8443")]
    [InlineData("2001:db8::10", 443, "[2001:db8::10]:443")]
    public async Task The_address_shows_as_people_write_it_with_the_port_the_controller_reported(string address, int? port, string shown)
    {
        var scenario = new OrchestratorScenario();
        scenario.Merge();
        scenario.Answer(GetIngressAddressActivity.Name, () => new IngressAddress(address, port));

        var progress = await scenario.RunAsync();

        Assert.Equal(shown, progress.Ingress!.Address);
        Assert.Equal(new IngressAddress(address, port), ((LiveProbeRequest)scenario.Calls.Single(c => c.Activity == ProbeLiveSiteActivity.Name).Input!).Ingress);
    }

    [Fact]
    public async Task No_address_by_the_deadline_fails_at_Ingress_naming_the_class_and_probes_nothing()
    {
        var scenario = new OrchestratorScenario();
        scenario.Merge();
        scenario.Answer(GetIngressAddressActivity.Name, () => null);
        DateTime? applied = null;
        scenario.Answer(ApplyIngressActivity.Name, () =>
        {
            applied = scenario.Now;
            return new AppliedIngress("shop-example-com", ["shop.example.com"], Tls: true, "nginx");
        });

        var progress = await scenario.RunAsync();

        Assert.Equal(ProvisionStatus.Failed, progress.Status);
        Assert.Equal(StepNames.Ingress, progress.Failure!.Step);
        Assert.Equal("The ingress controller gave no address to Ingress sites/shop-example-com within 00:10:00 for class 'nginx': check the controller and the class.", progress.Failure.Cause);
        Assert.StartsWith("Check the ingress controller and the class: 'kubectl get ingressclass nginx'", progress.Failure.Remedy);
        Assert.Equal(applied + TimeSpan.FromMinutes(10), scenario.Now);
        Assert.Equal(0, scenario.CallsOf(ProbeLiveSiteActivity.Name));
        Assert.Equal("shop-example-com", progress.Ingress!.Name);
        Assert.Null(progress.Ingress.Address);
        Assert.Null(progress.Links.LiveUrl);
        // 2 s doubling to 30 s for 10 minutes: tens of looks.
        Assert.InRange(scenario.CallsOf(GetIngressAddressActivity.Name), 20, 30);
    }

    [Fact]
    public async Task A_site_unreachable_by_the_probe_deadline_fails_at_Ingress_with_the_last_probe_and_the_runbook()
    {
        var scenario = new OrchestratorScenario();
        scenario.Merge();
        DateTime? firstProbe = null;
        var probes = 0;
        scenario.Answer(ProbeLiveSiteActivity.Name, () =>
        {
            firstProbe ??= scenario.Now;
            return ++probes == 1 ? Refused : NoEndpoints;
        });

        var progress = await scenario.RunAsync();

        Assert.Equal(ProvisionStatus.Failed, progress.Status);
        Assert.Equal(StepNames.Ingress, progress.Failure!.Step);
        Assert.Equal($"https://shop.example.com/ did not answer through the ingress at 203.0.113.10 within 00:10:00: {NoEndpoints.Detail}", progress.Failure.Cause);
        Assert.StartsWith("Check DNS (shop.example.com must resolve to 203.0.113.10), the TLS secret", progress.Failure.Remedy);
        Assert.Contains("the ingress controller's logs", progress.Failure.Remedy);
        Assert.Equal(NoEndpoints, progress.Ingress!.Probe);
        Assert.Null(progress.Links.LiveUrl);
        Assert.Equal(firstProbe + TimeSpan.FromMinutes(10), scenario.Now);
        Assert.InRange(probes, 20, 30);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:00:01")]
    public async Task A_zero_probe_timeout_turns_the_probe_off(string timeout)
    {
        var scenario = new OrchestratorScenario(t => t with { LiveProbe = t.LiveProbe with { Timeout = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture) } });
        scenario.Merge();

        var progress = await scenario.RunAsync();

        Assert.Equal(ProvisionStatus.Completed, progress.Status);
        Assert.Equal("https://shop.example.com/", progress.Links.LiveUrl);
        Assert.Equal(0, scenario.CallsOf(ProbeLiveSiteActivity.Name));
        Assert.Null(progress.Ingress!.Probe);
        Assert.Equal("203.0.113.10", progress.Ingress.Address);
        Assert.EndsWith("the live probe is off (LIVE_PROBE_TIMEOUT=0).", progress.Steps.Last().Detail);
    }

    [Fact]
    public async Task An_Ingress_without_TLS_is_probed_and_reported_over_http()
    {
        var scenario = new OrchestratorScenario();
        scenario.Merge();
        scenario.Answer(ApplyIngressActivity.Name, () => new AppliedIngress("shop-example-com", ["shop.example.com"], Tls: false, "nginx"));

        var progress = await scenario.RunAsync();

        Assert.Equal("http://shop.example.com/", progress.Links.LiveUrl);
        Assert.False(((LiveProbeRequest)scenario.Calls.Single(c => c.Activity == ProbeLiveSiteActivity.Name).Input!).Tls);
    }
}
