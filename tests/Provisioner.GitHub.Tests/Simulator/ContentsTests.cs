using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Octokit;
using Provisioner.GitHub.Tests.Support;

namespace Provisioner.GitHub.Tests.Simulator;

/// <summary>The contents API, as a build reads a site's files at the merged commit.</summary>
public sealed class ContentsTests : IAsyncLifetime
{
    private GitHubTestBed bed = null!;

    public async Task InitializeAsync() => bed = await GitHubTestBed.StartAsync();

    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task Files_and_folders_read_at_a_branch_or_a_commit_as_Octokit_reads_them()
    {
        var pr = await bed.SourceControl().OpenPullRequestAsync(GitHubTestBed.Request(fileCount: 3), CancellationToken.None);
        var head = (await bed.Octokit.Git.Reference.Get(GitHubTestBed.Owner, GitHubTestBed.Repo, "heads/" + pr.Branch)).Object.Sha;

        var file = Assert.Single(await bed.Octokit.Repository.Content.GetAllContentsByRef(GitHubTestBed.Owner, GitHubTestBed.Repo, "sites/shop.example.com/k8s/file-001.txt", head));
        Assert.Equal(ContentType.File, file.Type.Value);
        Assert.Equal("content of file 1\nline two\n", file.Content);
        Assert.Equal("file-001.txt", file.Name);

        var folder = await bed.Octokit.Repository.Content.GetAllContentsByRef(GitHubTestBed.Owner, GitHubTestBed.Repo, "sites/shop.example.com", pr.Branch);
        Assert.Equal(["file-002.txt", "k8s", "src"], folder.Select(e => e.Name));
        Assert.Equal([ContentType.File, ContentType.Dir, ContentType.Dir], folder.Select(e => e.Type.Value));

        var raw = await bed.Octokit.Repository.Content.GetRawContentByRef(GitHubTestBed.Owner, GitHubTestBed.Repo, "sites/shop.example.com/file-002.txt", pr.Branch);
        Assert.Equal("content of file 2\nline two\n", Encoding.UTF8.GetString(raw));

        // Not on the default branch until merged.
        await Assert.ThrowsAsync<NotFoundException>(() => bed.Octokit.Repository.Content.GetAllContents(GitHubTestBed.Owner, GitHubTestBed.Repo, "sites/shop.example.com"));
    }

    [Fact]
    public async Task An_unknown_ref_is_404_No_commit_found_and_base64_is_wrapped_as_GitHub_wraps_it()
    {
        using var http = new HttpClient { BaseAddress = bed.Simulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", GitHubTestBed.Token);

        using var missing = await http.GetAsync("api/v3/repos/contoso/sites/contents/README.md?ref=nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("No commit found for the ref nope", JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString());

        bed.Simulator.State.SeedRepository("contoso", "long", "main", new Dictionary<string, string> { ["big.txt"] = new string('x', 200) });
        using var big = await http.GetAsync("api/v3/repos/contoso/long/contents/big.txt");
        var content = JsonDocument.Parse(await big.Content.ReadAsStringAsync()).RootElement.GetProperty("content").GetString()!;
        Assert.All(content.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.True(line.Length <= 60));
        Assert.Equal(new string('x', 200), Encoding.UTF8.GetString(Convert.FromBase64String(content.Replace("\n", "", StringComparison.Ordinal))));
    }
}
