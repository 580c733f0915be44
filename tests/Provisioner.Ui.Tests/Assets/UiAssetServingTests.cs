using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Provisioner.Ui.Tests.Assets;

/// <summary>How the UI's files are served: media types, validators, caching and security headers, on every answer.</summary>
public sealed class UiAssetServingTests : IAsyncLifetime
{
    private UiHost host = null!;

    public static TheoryData<string> AssetPaths => [.. UiAssets.All.Keys.Order(StringComparer.Ordinal)];

    public async Task InitializeAsync() => host = await UiHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public void The_ui_holds_its_three_pages_their_scripts_the_stylesheet_and_the_icon()
    {
        Assert.Superset(
            new HashSet<string> { "index.html", "provision.html", "provisions.html", "css/app.css", "favicon.svg", "js/api.js", "js/request-page.js", "js/status-page.js", "js/list-page.js" },
            UiAssets.All.Keys.ToHashSet());
    }

    [Theory]
    [MemberData(nameof(AssetPaths))]
    public async Task Every_file_is_served_with_its_media_type_a_strong_etag_no_cache_and_the_security_headers(string path)
    {
        using var response = await host.Client.GetAsync(UiRoutes.Root + path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expectedType = Path.GetExtension(path) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            ".svg" => "image/svg+xml; charset=utf-8",
            var other => throw new Xunit.Sdk.XunitException($"No expected media type for {other}: add it here when the UI gets such a file."),
        };
        Assert.Equal(expectedType, response.Content.Headers.ContentType?.ToString());
        Assert.Equal(UiAssets.All[path].Content.ToArray(), await response.Content.ReadAsByteArrayAsync());
        Assert.NotNull(response.Headers.ETag);
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task A_matching_If_None_Match_gets_304_without_a_body_and_a_stale_one_gets_the_file()
    {
        using var first = await host.Client.GetAsync(UiRoutes.Root + "js/api.js");
        var etag = first.Headers.ETag!;

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, UiRoutes.Root + "js/api.js");
        revalidate.Headers.IfNoneMatch.Add(etag);
        using var notModified = await host.Client.SendAsync(revalidate);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, notModified.Headers.ETag);
        AssertSecurityHeaders(notModified);

        using var stale = new HttpRequestMessage(HttpMethod.Get, UiRoutes.Root + "js/api.js");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"an-older-version\""));
        using var changed = await host.Client.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEmpty(await changed.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public void Each_file_has_its_own_etag()
    {
        Assert.Equal(UiAssets.All.Count, UiAssets.All.Values.Select(a => a.ETag.Tag.ToString()).Distinct().Count());
    }

    [Fact]
    public async Task The_root_serves_the_request_form()
    {
        using var response = await host.Client.GetAsync(UiRoutes.Root);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(UiAssets.All["index.html"].Content.ToArray(), await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/api/ui", "/api/ui/")]
    [InlineData("/api/ui?x=1", "/api/ui/?x=1")]
    [InlineData("/", "/api/ui/")]
    public async Task The_bare_root_and_the_site_root_redirect_to_the_ui_so_relative_links_resolve(string path, string location)
    {
        using var response = await host.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/api/ui/missing.html")]
    [InlineData("/api/ui/js/")]
    [InlineData("/api/ui/wwwroot/index.html")]
    [InlineData("/api/ui/js%2F..%2F..%2Fappsettings.json")]
    public async Task Anything_else_is_404_with_the_security_headers(string path)
    {
        using var response = await host.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Theory]
    [InlineData("../Provisioner.Ui.dll")]
    [InlineData("js/../../appsettings.json")]
    [InlineData("/etc/passwd")]
    [InlineData("JS/API.JS")]
    public async Task Paths_are_names_of_embedded_files_never_file_system_paths(string path)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Request.Path = UiRoutes.Root + path;

        await UiAssets.Serve(path, context.Request).ExecuteAsync(context);

        Assert.Equal(StatusCodes.Status404NotFound, context.Response.StatusCode);
    }

    [Fact]
    public async Task The_policy_lets_the_pages_call_only_their_own_origin_by_default_and_the_configured_sandbox_origins()
    {
        var defaultPolicy = Directives(await PolicyAsync(host));
        Assert.Equal("'self'", defaultPolicy["connect-src"]);

        await using var sandbox = await UiHost.StartAsync(ui => ui.ConnectSources.Add(new Uri("http://127.0.0.1:5123/api/v3/")));
        var sandboxPolicy = Directives(await PolicyAsync(sandbox));
        Assert.Equal("'self' http://127.0.0.1:5123", sandboxPolicy["connect-src"]);
    }

    [Fact]
    public void A_connect_source_that_is_not_an_http_origin_is_refused()
    {
        var options = new UiOptions();
        options.ConnectSources.Add(new Uri("file:///etc/passwd"));

        var error = Assert.Throws<ArgumentException>(() => UiSecurityHeaders.ContentSecurityPolicy(options));
        Assert.Contains("not an http(s) origin", error.Message, StringComparison.Ordinal);
    }

    private static async Task<string> PolicyAsync(UiHost target)
    {
        using var response = await target.Client.GetAsync(UiRoutes.Root);
        return string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
    }

    private static Dictionary<string, string> Directives(string policy) =>
        policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : string.Empty);

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var policy = Directives(string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("'none'", policy["default-src"]);
        Assert.Equal("'self'", policy["script-src"]);
        Assert.Equal("'self'", policy["style-src"]);
        Assert.Equal("'none'", policy["frame-ancestors"]);
        Assert.Equal("'none'", policy["base-uri"]);
        Assert.Equal("'script'", policy["require-trusted-types-for"]);
        Assert.DoesNotContain(policy.Values, v => v.Contains("unsafe-", StringComparison.Ordinal) || v.Contains('*', StringComparison.Ordinal));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }
}
