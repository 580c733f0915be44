using System.Xml.Linq;
using Provisioner.Jenkins.Jobs;
using Provisioner.Jenkins.Tests.Support;
using Provisioner.Workflow.Integrations.Ci;

namespace Provisioner.Jenkins.Tests.Client;

/// <summary>Values that look like XML, CDATA ends, quotes, newlines or Jenkins variables stay text: the config's tree never changes.</summary>
public sealed class HostileValueTests
{
    public static TheoryData<string> Hostile() =>
    [
        "<evil/>",
        "]]><injected>x</injected><![CDATA[",
        "\"quoted\" and 'single'",
        "line one\nline two\r\n</url><url>https://attacker.example/</url>",
        "${PROVISION_ID}$(whoami)`id`",
        "&amp;&lt;&#x41;",
        "<!-- comment --><?pi?>",
        "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>&e;",
    ];

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_hostile_value_anywhere_in_the_job_leaves_the_config_tree_as_it_is_and_comes_back_exactly(string value)
    {
        var benign = JobConfigXml.Job(Definition("https://github.com/contoso/sites.git", "main", "sites/a/Jenkinsfile", "creds", "PARAM"));
        var hostile = JobConfigXml.Job(Definition("https://github.com/contoso/sites.git?" + value, "main" + value.Replace("${", "$ {", StringComparison.Ordinal), "sites/" + value + "/Jenkinsfile", "creds" + value, "PARAM" + value));

        var parsed = JobConfigXml.Parse(JobConfigXml.Serialize(hostile));

        Assert.Equal(Shape(benign.Root!), Shape(parsed.Root!));
        var texts = parsed.Root!.Descendants().Where(e => !e.HasElements).Select(e => e.Value).ToList();
        Assert.Contains("https://github.com/contoso/sites.git?" + value, texts);
        Assert.Contains("*/main" + value.Replace("${", "$ {", StringComparison.Ordinal), texts);
        Assert.Contains("sites/" + value + "/Jenkinsfile", texts);
        Assert.Contains("creds" + value, texts);
        Assert.Contains("PARAM" + value, texts);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Jenkins_reads_back_exactly_the_hostile_values_it_was_given_and_a_second_call_sees_no_change(string value)
    {
        await using var bed = await JenkinsTestBed.StartAsync();
        var spec = JenkinsTestBed.Spec("main", "https://github.com/contoso/sites.git#" + value, [BuildParameterNames.ProvisionId, "P" + value]);

        await bed.BuildServer().EnsureJobAsync(spec, CancellationToken.None);
        await bed.BuildServer().EnsureJobAsync(spec, CancellationToken.None);

        Assert.Equal(0, bed.Simulator.State.FindJob(bed.JobFullName)!.ConfigUpdates);
        var config = bed.Simulator.State.FindJob(bed.JobFullName)!.Configuration;
        Assert.Equal("https://github.com/contoso/sites.git#" + value, config.ScmUrl);
        Assert.Contains("P" + value, config.Parameters.Select(p => p.Name));
        Assert.Equal("sites/shop.example.com/Jenkinsfile", config.ScriptPath);
    }

    private static JobDefinition Definition(string url, string branch, string script, string credentials, string parameter) =>
        new("shop.example.com", url, branch, script, credentials, [BuildParameterNames.ProvisionId, parameter]);

    /// <summary>The element tree without its text: names, attributes and nesting.</summary>
    private static string Shape(XElement element) =>
        $"<{element.Name}{string.Concat(element.Attributes().Select(a => $" {a.Name}={a.Value}"))}>{string.Concat(element.Elements().Select(Shape))}</{element.Name}>";
}
