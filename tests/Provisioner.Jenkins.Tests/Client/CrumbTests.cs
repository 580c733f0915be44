using System.Collections.Concurrent;
using Provisioner.Jenkins.Tests.Support;
using Provisioner.Workflow.Integrations;

namespace Provisioner.Jenkins.Tests.Client;

/// <summary>The CSRF crumb: fetched before a call's first POST, sent with each POST in that call's session, refetched once when the session changed.</summary>
public sealed class CrumbTests
{
    [Fact]
    public async Task Every_POST_carries_the_crumb_and_the_session_cookie_it_was_issued_with()
    {
        await using var bed = await JenkinsTestBed.StartAsync(configure: o => o.ApiTokenPostsNeedCrumb = true);
        var spy = new Spy();

        await bed.BuildServer(spy: () => spy).EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None);

        Assert.NotNull(bed.Simulator.State.FindJob(bed.JobFullName));
        Assert.Single(bed.Calls, c => c == "GET /crumbIssuer/api/json");
        var posts = spy.Requests.Where(r => r.Method == HttpMethod.Post).ToList();
        Assert.Equal(2, posts.Count);
        Assert.All(posts, r =>
        {
            Assert.Equal(64, r.Crumb?.Length);
            Assert.StartsWith(bed.Simulator.Sessions.CookieName + "=", r.Cookie, StringComparison.Ordinal);
        });
        Assert.All(bed.Simulator.Log.ApiCalls.Where(c => c.Method == "POST"), c => Assert.Equal(200, c.Status));
    }

    [Fact]
    public async Task A_session_lost_between_two_POSTs_gets_a_new_crumb_and_one_retry()
    {
        await using var bed = await JenkinsTestBed.StartAsync(configure: o => o.ApiTokenPostsNeedCrumb = true);
        // Jenkins restarts (its sessions end) right after the folder is created, before the job is.
        var spy = new Spy { After = r => { if (r.RequestUri!.AbsolutePath == "/createItem") bed.Simulator.Sessions.ExpireAll(); } };

        await bed.BuildServer(spy: () => spy).EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None);

        Assert.NotNull(bed.Simulator.State.FindJob(bed.JobFullName));
        Assert.Equal(
            [
                "GET /job/provisioned-sites/api/json -> 404", "GET /crumbIssuer/api/json -> 200", "POST /createItem -> 200",
                "GET /job/provisioned-sites/job/shop-example-com/config.xml -> 404",
                "POST /job/provisioned-sites/createItem -> 403", "GET /crumbIssuer/api/json -> 200", "POST /job/provisioned-sites/createItem -> 200",
            ],
            bed.Simulator.Log.ApiCalls.Select(c => $"{c.Method} {c.Path} -> {c.Status}"));
        var crumbs = spy.Requests.Where(r => r.Method == HttpMethod.Post).Select(r => r.Crumb).ToList();
        Assert.Equal(crumbs[0], crumbs[1]);
        Assert.NotEqual(crumbs[1], crumbs[2]);
    }

    [Fact]
    public async Task A_crumb_refused_again_after_the_retry_is_a_permanent_error_about_what_is_in_between()
    {
        await using var bed = await JenkinsTestBed.StartAsync(configure: o => o.ApiTokenPostsNeedCrumb = true);
        var spy = new Spy { After = r => { if (r.RequestUri!.AbsolutePath == "/crumbIssuer/api/json") bed.Simulator.Sessions.ExpireAll(); } };

        var failure = await Assert.ThrowsAsync<PermanentIntegrationException>(() => bed.BuildServer(spy: () => spy).EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None));

        Assert.Contains("refused the CSRF crumb twice", failure.Message, StringComparison.Ordinal);
        Assert.Contains("session cookie or the crumb header", failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, bed.Calls.Count(c => c == "POST /createItem"));
    }

    [Fact]
    public async Task A_Jenkins_without_a_crumb_issuer_needs_no_crumb()
    {
        await using var bed = await JenkinsTestBed.StartAsync(configure: o => o.CrumbIssuer = false);
        var spy = new Spy();

        await bed.BuildServer(spy: () => spy).EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None);

        Assert.NotNull(bed.Simulator.State.FindJob(bed.JobFullName));
        Assert.Contains(bed.Simulator.Log.ApiCalls, c => c.Path == "/crumbIssuer/api/json" && c.Status == 404);
        Assert.All(spy.Requests.Where(r => r.Method == HttpMethod.Post), r => Assert.Null(r.Crumb));
    }

    [Fact]
    public async Task A_modern_Jenkins_exempting_token_POSTs_still_gets_the_crumb_it_offers()
    {
        await using var bed = await JenkinsTestBed.StartAsync();
        var spy = new Spy();

        await bed.BuildServer(spy: () => spy).EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None);

        Assert.All(spy.Requests.Where(r => r.Method == HttpMethod.Post), r => Assert.NotNull(r.Crumb));
    }

    /// <summary>Records each request's crumb and cookie; runs <see cref="After"/> once a response is back.</summary>
    private sealed class Spy : DelegatingHandler
    {
        public ConcurrentQueue<(HttpMethod Method, string? Crumb, string? Cookie)> Requests { get; } = new();

        public Action<HttpRequestMessage>? After { get; init; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Enqueue((
                request.Method,
                request.Headers.TryGetValues("Jenkins-Crumb", out var crumb) ? crumb.Single() : null,
                request.Headers.TryGetValues("Cookie", out var cookie) ? cookie.Single() : null));
            var response = await base.SendAsync(request, cancellationToken);
            After?.Invoke(request);
            return response;
        }
    }
}
