using System.Net;
using System.Text.Json.Nodes;
using Provisioner.Jenkins.Tests.Support;

namespace Provisioner.Jenkins.Tests.Simulator;

/// <summary>Items as Jenkins serves them: createItem, config.xml, doDelete, nested folders, api/json with tree= and depth=.</summary>
public sealed class ItemApiTests : IAsyncLifetime
{
    private JenkinsTestBed bed = null!;
    private RawJenkins jenkins = null!;

    public async Task InitializeAsync()
    {
        bed = await JenkinsTestBed.StartAsync();
        jenkins = new RawJenkins(bed.Simulator.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        jenkins.Dispose();
        await bed.DisposeAsync();
    }

    [Fact]
    public async Task CreateItem_answers_200_with_an_empty_body_and_a_duplicate_400_with_Jenkins_message()
    {
        using var created = await jenkins.PostXmlAsync("createItem?name=sites", "<com.cloudbees.hudson.plugins.folder.Folder/>");
        using var duplicate = await jenkins.PostXmlAsync("createItem?name=SITES", "<com.cloudbees.hudson.plugins.folder.Folder/>");

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(0, created.Content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Equal("A job already exists with the name ?SITES?", duplicate.Headers.GetValues("X-Error").Single());
        Assert.Contains("A job already exists with the name ‘SITES’", await duplicate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("createItem?name=a", null, "No Content-Type header set")]
    [InlineData("createItem", "application/xml", "Query parameter 'name' is required")]
    [InlineData("createItem?name=a:b", "application/xml", "‘:’ is an unsafe character")]
    [InlineData("createItem?name=..", "application/xml", "“..” is not an allowed name")]
    [InlineData("createItem?name=", "application/xml", "No name is specified")]
    [InlineData("createItem?name=a", "application/x-www-form-urlencoded", "No mode given")]
    public async Task CreateItem_refuses_bad_requests_as_Jenkins_does(string path, string? contentType, string message)
    {
        var content = new StringContent("<project/>");
        content.Headers.ContentType = contentType is null ? null : new(contentType);

        using var response = await jenkins.PostAsync(path, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(message), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_or_unknown_configs_are_500_and_create_nothing()
    {
        using var malformed = await jenkins.PostXmlAsync("createItem?name=a", "<flow-definition>");
        using var unknown = await jenkins.PostXmlAsync("createItem?name=b", "<hudson.matrix.MatrixProject/>");
        using var dtd = await jenkins.PostXmlAsync("createItem?name=c", "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><project>&e;</project>");

        Assert.Equal([500, 500, 500], new[] { malformed, unknown, dtd }.Select(r => (int)r.StatusCode));
        Assert.Empty(bed.Simulator.State.Root.Items);
    }

    [Fact]
    public async Task Folders_nest_and_missing_items_are_404_at_every_level()
    {
        (await jenkins.PostXmlAsync("createItem?name=a", "<com.cloudbees.hudson.plugins.folder.Folder/>")).Dispose();
        (await jenkins.PostXmlAsync("job/a/createItem?name=b", "<com.cloudbees.hudson.plugins.folder.Folder/>")).Dispose();
        (await jenkins.PostXmlAsync("job/a/job/b/createItem?name=c", RawJenkins.Pipeline("P"))).Dispose();

        var job = await jenkins.JsonAsync("job/a/job/b/job/c/api/json");

        Assert.Equal("a/b/c", (string?)job["fullName"]);
        Assert.Equal("a » b » c", (string?)job["fullDisplayName"]);
        Assert.Equal(new Uri(bed.Simulator.BaseUrl, "job/a/job/b/job/c/").ToString(), (string?)job["url"]);
        foreach (var missing in new[] { "job/x/api/json", "job/a/job/x/api/json", "job/a/job/b/job/c/job/d/api/json", "job/a/job/b/job/c/7/api/json", "job/a/job/b/job/c/lastBuild/api/json" })
        {
            using var response = await jenkins.GetAsync(missing);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using var inJob = await jenkins.PostXmlAsync("job/a/job/b/job/c/createItem?name=d", "<project/>");
        Assert.Equal(HttpStatusCode.NotFound, inJob.StatusCode);
    }

    [Fact]
    public async Task Config_xml_comes_back_as_Jenkins_rewrites_it_and_updates_keep_the_item_kind()
    {
        (await jenkins.PostXmlAsync("createItem?name=j", RawJenkins.Pipeline("P"))).Dispose();

        using var read = await jenkins.GetAsync("job/j/config.xml");
        var text = await read.Content.ReadAsStringAsync();
        using var update = await jenkins.PostXmlAsync("job/j/config.xml", RawJenkins.Pipeline("P", "Q"));
        using var otherKind = await jenkins.PostXmlAsync("job/j/config.xml", "<com.cloudbees.hudson.plugins.folder.Folder/>");

        Assert.Equal("application/xml", read.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<?xml version='1.1' encoding='UTF-8'?>\n<flow-definition plugin=\"workflow-job@", text, StringComparison.Ordinal);
        Assert.Contains("<definition class=\"org.jenkinsci.plugins.workflow.cps.CpsScmFlowDefinition\" plugin=\"workflow-cps@", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal(["P", "Q"], bed.Simulator.State.FindJob("j")!.Configuration.Parameters.Select(p => p.Name));
        Assert.Equal(HttpStatusCode.InternalServerError, otherKind.StatusCode);
        Assert.Contains("Expecting class org.jenkinsci.plugins.workflow.job.WorkflowJob", await otherKind.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DoDelete_removes_the_item_and_redirects_to_its_folder()
    {
        (await jenkins.PostXmlAsync("createItem?name=f", "<com.cloudbees.hudson.plugins.folder.Folder/>")).Dispose();
        (await jenkins.PostXmlAsync("job/f/createItem?name=j", RawJenkins.Pipeline("P"))).Dispose();

        using var deleted = await jenkins.PostAsync("job/f/job/j/doDelete");
        using var gone = await jenkins.GetAsync("job/f/job/j/api/json");

        Assert.Equal(HttpStatusCode.Found, deleted.StatusCode);
        Assert.Equal(new Uri(bed.Simulator.BaseUrl, "job/f/"), deleted.Headers.Location);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task The_root_lists_jobs_and_folders_with_the_fields_of_depth_0()
    {
        (await jenkins.PostXmlAsync("createItem?name=f", "<com.cloudbees.hudson.plugins.folder.Folder/>")).Dispose();
        (await jenkins.PostXmlAsync("createItem?name=j", RawJenkins.Pipeline("P"))).Dispose();

        var root = await jenkins.JsonAsync("api/json");

        Assert.Equal("hudson.model.Hudson", (string?)root["_class"]);
        Assert.True((bool)root["useCrumbs"]!);
        Assert.True((bool)root["useSecurity"]!);
        Assert.Equal(bed.Simulator.BaseUrl.ToString(), (string?)root["url"]);
        var jobs = root["jobs"]!.AsArray();
        Assert.Equal(
            """{"_class":"com.cloudbees.hudson.plugins.folder.Folder","name":"f","url":"BASEjob/f/"}""".Replace("BASE", bed.Simulator.BaseUrl.ToString(), StringComparison.Ordinal),
            jobs[0]!.ToJsonString());
        Assert.Equal(
            """{"_class":"org.jenkinsci.plugins.workflow.job.WorkflowJob","name":"j","url":"BASEjob/j/","color":"notbuilt"}""".Replace("BASE", bed.Simulator.BaseUrl.ToString(), StringComparison.Ordinal),
            jobs[1]!.ToJsonString());
    }

    [Fact]
    public async Task Tree_selects_fields_at_any_depth_with_ranges_and_leaves_bare_objects_for_unselected_children()
    {
        (await jenkins.PostXmlAsync("createItem?name=f", "<com.cloudbees.hudson.plugins.folder.Folder/>")).Dispose();
        (await jenkins.PostXmlAsync("job/f/createItem?name=a", "<project/>")).Dispose();
        (await jenkins.PostXmlAsync("job/f/createItem?name=b", "<project/>")).Dispose();

        var named = await jenkins.JsonAsync("api/json?tree=jobs[name,jobs[name]]");
        var bare = await jenkins.JsonAsync("api/json?tree=jobs[name,jobs]");
        var ranged = await jenkins.JsonAsync("job/f/api/json?tree=jobs[name]{1,2}");
        using var malformed = await jenkins.GetAsync("api/json?tree=jobs[name");

        Assert.Equal("""{"_class":"hudson.model.Hudson","jobs":[{"_class":"com.cloudbees.hudson.plugins.folder.Folder","name":"f","jobs":[{"_class":"hudson.model.FreeStyleProject","name":"a"},{"_class":"hudson.model.FreeStyleProject","name":"b"}]}]}""", named.ToJsonString());
        Assert.Equal("""[{"_class":"hudson.model.FreeStyleProject"},{"_class":"hudson.model.FreeStyleProject"}]""", bare["jobs"]![0]!["jobs"]!.ToJsonString());
        Assert.Equal("""[{"_class":"hudson.model.FreeStyleProject","name":"b"}]""", ranged["jobs"]!.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task A_jobs_declared_parameters_show_in_its_property_and_actions_with_depth_visibility()
    {
        (await jenkins.PostXmlAsync("createItem?name=j", RawJenkins.Pipeline("P"))).Dispose();

        var job = await jenkins.JsonAsync("job/j/api/json");

        Assert.Equal("org.jenkinsci.plugins.workflow.job.WorkflowJob", (string?)job["_class"]);
        Assert.Equal(
            """[{"_class":"hudson.model.ParametersDefinitionProperty","parameterDefinitions":[{"_class":"hudson.model.StringParameterDefinition","defaultParameterValue":{"_class":"hudson.model.StringParameterValue","name":"P","value":"default-P"},"description":null,"name":"P","type":"StringParameterDefinition"}]}]""",
            job["property"]!.ToJsonString());
        Assert.Equal(
            """{"_class":"hudson.model.ParametersDefinitionProperty","parameterDefinitions":[{"_class":"hudson.model.StringParameterDefinition","defaultParameterValue":{"_class":"hudson.model.StringParameterValue","value":"default-P"},"description":null,"name":"P","type":"StringParameterDefinition"}]}""",
            job["actions"]![0]!.ToJsonString());
        Assert.Equal(1, (int)job["nextBuildNumber"]!);
        Assert.Equal("null", JsonValueKind(job, "lastBuild"));
    }

    private static string JsonValueKind(JsonNode node, string property) => node.AsObject().ContainsKey(property) && node[property] is null ? "null" : "missing";
}
