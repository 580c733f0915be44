using System.Xml.Linq;
using Provisioner.Jenkins.Tests.Support;
using Provisioner.Simulators.Common.Diagnostics;
using Provisioner.Simulators.Jenkins.Model;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Integrations;
using Provisioner.Workflow.Integrations.Ci;

namespace Provisioner.Jenkins.Tests.Client;

/// <summary>The folder and the site's Pipeline job: created once, updated only when what they build changes.</summary>
public sealed class EnsureJobTests : IAsyncLifetime
{
    private JenkinsTestBed bed = null!;

    public async Task InitializeAsync() => bed = await JenkinsTestBed.StartAsync();

    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task The_first_call_creates_the_folder_and_a_Pipeline_job_from_the_sites_repository_declaring_every_parameter()
    {
        var job = await bed.BuildServer().EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None);

        Assert.Equal(bed.JobFullName, job.FullName);
        Assert.Equal(new Uri(bed.Simulator.BaseUrl, $"job/{JenkinsTestBed.Folder}/job/{JenkinsTestBed.Site.AppName}/").ToString(), job.Url);
        Assert.Equal(ItemKind.Folder, bed.Simulator.State.FindItem(JenkinsTestBed.Folder)!.Kind);
        var created = bed.Simulator.State.FindJob(bed.JobFullName)!;
        var config = created.Configuration;
        Assert.Equal(ItemKind.Pipeline, config.Kind);
        Assert.Equal(JenkinsTestBed.CloneUrl, config.ScmUrl);
        Assert.Equal("*/main", config.Branch);
        Assert.Equal("sites/shop.example.com/Jenkinsfile", config.ScriptPath);
        Assert.True(config.Lightweight);
        Assert.Null(config.CredentialsId);
        Assert.Equal([BuildParameterNames.GitCommit, "IMAGE", BuildParameterNames.ProvisionId], config.Parameters.Select(p => p.Name));
        Assert.All(config.Parameters, p => Assert.Equal("StringParameterDefinition", p.Type));
        Assert.Equal(
            [
                "GET /job/provisioned-sites/api/json", "GET /crumbIssuer/api/json", "POST /createItem",
                "GET /job/provisioned-sites/job/shop-example-com/config.xml", "POST /job/provisioned-sites/createItem",
            ],
            bed.Calls);
    }

    [Fact]
    public async Task A_second_call_finds_both_and_posts_nothing()
    {
        var jenkins = bed.BuildServer();
        await jenkins.EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None);
        bed.Simulator.Log.Clear();

        await jenkins.EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None);

        Assert.Equal(["GET /job/provisioned-sites/api/json", "GET /job/provisioned-sites/job/shop-example-com/config.xml"], bed.Calls);
        Assert.Equal(0, bed.Simulator.State.FindJob(bed.JobFullName)!.ConfigUpdates);
    }

    [Fact]
    public async Task Jenkins_reformatting_the_config_is_not_a_change()
    {
        await bed.BuildServer().EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None);
        var stored = bed.Simulator.State.FindJob(bed.JobFullName)!.ConfigXml;

        Assert.StartsWith("<?xml version='1.1' encoding='UTF-8'?>", stored, StringComparison.Ordinal);
        Assert.Contains("plugin=\"workflow-job@", stored, StringComparison.Ordinal);
        bed.Simulator.Log.Clear();
        await bed.BuildServer().EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None);
        Assert.DoesNotContain(bed.Calls, c => c.StartsWith("POST", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("release", JenkinsTestBed.CloneUrl)]
    [InlineData("main", "https://github.com/contoso/other-sites.git")]
    public async Task A_changed_branch_or_repository_updates_the_config_once(string branch, string cloneUrl)
    {
        var jenkins = bed.BuildServer();
        await jenkins.EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None);

        await jenkins.EnsureJobAsync(JenkinsTestBed.Spec(branch, cloneUrl), CancellationToken.None);
        await jenkins.EnsureJobAsync(JenkinsTestBed.Spec(branch, cloneUrl), CancellationToken.None);

        var job = bed.Simulator.State.FindJob(bed.JobFullName)!;
        Assert.Equal(1, job.ConfigUpdates);
        Assert.Equal("*/" + branch, job.Configuration.Branch);
        Assert.Equal(cloneUrl, job.Configuration.ScmUrl);
        Assert.Single(bed.Calls, c => c == "POST /job/provisioned-sites/job/shop-example-com/config.xml");
    }

    [Fact]
    public async Task The_credentials_setting_is_the_remotes_credentials_id_and_changing_it_updates_the_job()
    {
        await bed.BuildServer().EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None);

        await bed.BuildServer(new Dictionary<string, string?> { [SettingNames.JenkinsGitCredentialsId] = "github-sites-reader" })
            .EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None);

        var job = bed.Simulator.State.FindJob(bed.JobFullName)!;
        Assert.Equal("github-sites-reader", job.Configuration.CredentialsId);
        Assert.Equal(1, job.ConfigUpdates);
    }

    [Fact]
    public async Task An_update_keeps_what_administrators_added_and_restores_parameters_a_Jenkinsfile_removed()
    {
        await bed.BuildServer().EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None);
        var job = bed.Simulator.State.FindJob(bed.JobFullName)!;
        var edited = XDocument.Parse(job.ConfigXml.Replace("version='1.1'", "version='1.0'", StringComparison.Ordinal));
        var properties = edited.Root!.Element("properties")!;
        properties.Element("hudson.model.ParametersDefinitionProperty")!.Element("parameterDefinitions")!.ReplaceNodes(
            new XElement("hudson.model.StringParameterDefinition", new XElement("name", "EXTRA"), new XElement("defaultValue", "kept")));
        properties.Add(new XElement("jenkins.model.BuildDiscarderProperty", new XElement("strategy", "kept")));
        using (var raw = new RawJenkins(bed.Simulator.BaseUrl))
        {
            (await raw.PostXmlAsync($"job/{JenkinsTestBed.Folder}/job/{JenkinsTestBed.Site.AppName}/config.xml", edited.ToString())).EnsureSuccessStatusCode();
        }

        await bed.BuildServer().EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None);

        job = bed.Simulator.State.FindJob(bed.JobFullName)!;
        Assert.Equal(["EXTRA", BuildParameterNames.GitCommit, "IMAGE", BuildParameterNames.ProvisionId], job.Configuration.Parameters.Select(p => p.Name));
        Assert.Contains("jenkins.model.BuildDiscarderProperty", job.ConfigXml, StringComparison.Ordinal);
        Assert.Equal(2, job.ConfigUpdates);
    }

    [Fact]
    public async Task A_nested_folder_path_is_created_level_by_level()
    {
        var settings = new Dictionary<string, string?> { [SettingNames.JenkinsFolder] = "teams/web/sites" };

        var job = await bed.BuildServer(settings).EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None);

        Assert.Equal("teams/web/sites/" + JenkinsTestBed.Site.AppName, job.FullName);
        Assert.Equal(ItemKind.Folder, bed.Simulator.State.FindItem("teams/web")!.Kind);
        Assert.NotNull(bed.Simulator.State.FindJob(job.FullName));
    }

    [Fact]
    public async Task An_existing_folder_made_by_someone_else_is_used_as_it_is()
    {
        bed.Simulator.State.SeedFolder(JenkinsTestBed.Folder);
        var before = bed.Simulator.State.FindItem(JenkinsTestBed.Folder)!.ConfigXml;

        await bed.BuildServer().EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None);

        Assert.Equal(before, bed.Simulator.State.FindItem(JenkinsTestBed.Folder)!.ConfigXml);
        Assert.DoesNotContain("POST /createItem", bed.Calls);
    }

    [Fact]
    public async Task A_job_where_the_folder_should_be_is_a_permanent_error_naming_the_setting()
    {
        bed.Simulator.State.SeedJob(JenkinsTestBed.Folder, "<project/>");

        var failure = await Assert.ThrowsAsync<PermanentIntegrationException>(() => bed.BuildServer().EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None));

        Assert.Contains("is not a folder", failure.Message, StringComparison.Ordinal);
        Assert.Contains(SettingNames.JenkinsFolder, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_freestyle_job_with_the_sites_name_is_not_ours_and_is_left_alone()
    {
        bed.Simulator.State.SeedFolder(JenkinsTestBed.Folder);
        bed.Simulator.State.SeedJob(bed.JobFullName, "<project><builders/></project>");

        var failure = await Assert.ThrowsAsync<PermanentIntegrationException>(() => bed.BuildServer().EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None));

        Assert.Contains("is not a Pipeline job", failure.Message, StringComparison.Ordinal);
        Assert.Equal(ItemKind.FreeStyle, bed.Simulator.State.FindJob(bed.JobFullName)!.Kind);
    }

    [Fact]
    public async Task A_lost_answer_to_creating_the_job_is_recovered_by_the_next_attempt()
    {
        bed.Simulator.Faults.Add(new FaultRule("POST", "/job/provisioned-sites/createItem") { DropConnection = true, AfterHandling = true });
        var jenkins = bed.BuildServer();

        await Assert.ThrowsAsync<TransientIntegrationException>(() => jenkins.EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None));
        var job = await jenkins.EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None);

        Assert.Equal(bed.JobFullName, job.FullName);
        Assert.Single(bed.Simulator.State.FindItem(JenkinsTestBed.Folder) is SimulatedFolder f ? f.Items.Values : []);
    }

    [Fact]
    public async Task A_job_created_between_the_look_and_the_create_is_adopted()
    {
        bed.Simulator.Faults.Add(new FaultRule("GET", "/job/provisioned-sites/job/shop-example-com/config.xml") { StatusCode = 404 });
        var jenkins = bed.BuildServer();
        await jenkins.EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None);
        bed.Simulator.Faults.Add(new FaultRule("GET", "/job/provisioned-sites/job/shop-example-com/config.xml") { StatusCode = 404 });
        bed.Simulator.Log.Clear();

        await jenkins.EnsureJobAsync(JenkinsTestBed.Spec("release"), CancellationToken.None);

        Assert.Contains(bed.Simulator.Log.ApiCalls, c => c.Path == "/job/provisioned-sites/createItem" && c.Status == 400);
        Assert.Equal("*/release", bed.Simulator.State.FindJob(bed.JobFullName)!.Configuration.Branch);
    }
}
