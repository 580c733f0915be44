using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Octokit;
using Provisioner.GitHub.Tests.Support;

namespace Provisioner.GitHub.Tests.Simulator;

/// <summary>The simulator answers as GitHub does: status codes, error bodies, pagination.</summary>
public sealed class SimulatorApiTests : IAsyncLifetime
{
    private GitHubTestBed bed = null!;

    public async Task InitializeAsync() => bed = await GitHubTestBed.StartAsync();

    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task Requests_without_a_valid_token_get_401_Bad_credentials()
    {
        using var http = new HttpClient { BaseAddress = bed.Simulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", "nope");

        using var response = await http.GetAsync("api/v3/repos/contoso/sites");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Bad credentials", body.RootElement.GetProperty("message").GetString());
        Assert.StartsWith("https://docs.github.com/", body.RootElement.GetProperty("documentation_url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_repositories_and_refs_get_GitHubs_404()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => bed.Octokit.Repository.Get("contoso", "missing"));
        await Assert.ThrowsAsync<NotFoundException>(() => bed.Octokit.Git.Reference.Get("contoso", "sites", "heads/missing"));

        using var http = bed.Http();
        using var response = await http.GetAsync("api/v3/repos/contoso/missing/git/ref/heads/main");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Not Found", body.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Creating_an_existing_ref_is_422_Reference_already_exists()
    {
        var main = await bed.Octokit.Git.Reference.Get("contoso", "sites", "heads/main");

        var failure = await Assert.ThrowsAsync<ApiValidationException>(
            () => bed.Octokit.Git.Reference.Create("contoso", "sites", new NewReference("refs/heads/main", main.Object.Sha)));

        Assert.Equal("Reference already exists", failure.Message);
    }

    [Fact]
    public async Task A_second_open_pull_request_for_a_head_is_422_already_exists()
    {
        var pr = await bed.SourceControl().OpenPullRequestAsync(GitHubTestBed.Request(), CancellationToken.None);

        var failure = await Assert.ThrowsAsync<ApiValidationException>(
            () => bed.Octokit.PullRequest.Create("contoso", "sites", new NewPullRequest("again", pr.Branch, "main")));

        Assert.Contains(failure.ApiError.Errors, e => e.Message == $"A pull request already exists for contoso:{pr.Branch}.");
    }

    [Fact]
    public async Task Pull_request_lists_filter_by_head_and_state_and_paginate_with_Link_headers()
    {
        var sourceControl = bed.SourceControl();
        var opened = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            opened.Add((await sourceControl.OpenPullRequestAsync(GitHubTestBed.Request(), CancellationToken.None)).Number);
        }

        await bed.Octokit.PullRequest.Update("contoso", "sites", opened[0], new PullRequestUpdate { State = ItemState.Closed });

        using var http = bed.Http();
        using var page1 = await http.GetAsync("api/v3/repos/contoso/sites/pulls?state=all&per_page=2");
        var link = page1.Headers.GetValues("Link").Single();
        Assert.Contains("rel=\"next\"", link, StringComparison.Ordinal);
        Assert.Contains("page=2", link, StringComparison.Ordinal);

        var all = await bed.Octokit.PullRequest.GetAllForRepository("contoso", "sites", new PullRequestRequest { State = ItemStateFilter.All }, new ApiOptions { PageSize = 2 });
        Assert.Equal(opened.OrderDescending(), all.Select(p => p.Number));
        var open = await bed.Octokit.PullRequest.GetAllForRepository("contoso", "sites", new PullRequestRequest { State = ItemStateFilter.Open });
        Assert.Equal(2, open.Count);
        var closed = await bed.Octokit.PullRequest.GetAllForRepository("contoso", "sites", new PullRequestRequest { State = ItemStateFilter.Closed });
        Assert.Equal(opened[0], Assert.Single(closed).Number);
        var byHead = await bed.Octokit.PullRequest.GetAllForRepository("contoso", "sites", new PullRequestRequest { State = ItemStateFilter.All, Head = "contoso:" + all[0].Head.Ref });
        Assert.Equal(all[0].Number, Assert.Single(byHead).Number);
    }

    [Fact]
    public async Task Trees_accept_blobs_by_sha_and_commit_shas_are_git_shas()
    {
        var octokit = bed.Octokit;
        var blob = await octokit.Git.Blob.Create("contoso", "sites", new NewBlob { Content = Convert.ToBase64String([0, 1, 2, 255]), Encoding = EncodingType.Base64 });
        var main = await octokit.Git.Reference.Get("contoso", "sites", "heads/main");
        var baseTree = (await octokit.Git.Commit.Get("contoso", "sites", main.Object.Sha)).Tree.Sha;
        var tree = new NewTree { BaseTree = baseTree };
        tree.Tree.Add(new NewTreeItem { Path = "bin/logo.png", Mode = "100644", Type = TreeType.Blob, Sha = blob.Sha });

        var created = await octokit.Git.Tree.Create("contoso", "sites", tree);

        // git hash-object of the 4 bytes 00 01 02 ff.
        Assert.Equal(GitBlobSha([0, 1, 2, 255]), blob.Sha);
        var read = await octokit.Git.Tree.GetRecursive("contoso", "sites", created.Sha);
        Assert.Contains(read.Tree, t => t.Path == "bin/logo.png" && t.Sha == blob.Sha);
        Assert.Contains(read.Tree, t => t.Path == "bin" && t.Type == TreeType.Tree);
    }

    [Fact]
    public async Task The_request_log_records_method_path_and_status()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => bed.Octokit.Repository.Get("contoso", "missing"));
        await bed.Octokit.Repository.Get("contoso", "sites");

        Assert.Equal(
            ["GET /api/v3/repos/contoso/missing -> 404", "GET /api/v3/repos/contoso/sites -> 200"],
            bed.Simulator.Log.Entries.Select(e => e.ToString()));
    }


    private static string GitBlobSha(byte[] content)
    {
        var header = Encoding.ASCII.GetBytes($"blob {content.Length}\0");
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData([.. header, .. content]));
    }
}
