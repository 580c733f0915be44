using System.Net;
using System.Text.Json.Nodes;
using Provisioner.Kubernetes.Tests.Support;
using static Provisioner.Kubernetes.Tests.Simulator.SimulatorApiTests;

namespace Provisioner.Kubernetes.Tests.Simulator;

/// <summary>Watch streams: newline-delimited events, filtered by selectors, resumable from a resource version, 410 when too old.</summary>
public sealed class WatchTests
{
    private const string Ingresses = "apis/networking.k8s.io/v1/namespaces/sites/ingresses";

    [Fact]
    public async Task A_watch_streams_added_modified_and_deleted_events_for_its_selector()
    {
        await using var bed = await KubernetesTestBed.StartAsync(o => o.RunControllers = false);
        using var http = bed.Http();
        await http.PostAsync(Ingresses, Body(IngressObject("before", "before.example.com")));

        using var response = await http.GetAsync(Ingresses + "?watch=true&fieldSelector=metadata.name%3Dshop&timeoutSeconds=30", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        await http.PostAsync(Ingresses, Body(IngressObject("shop", "shop.example.com")));
        await http.PostAsync(Ingresses, Body(IngressObject("other", "other.example.com")));
        var live = await Json(await http.GetAsync(Ingresses + "/shop"));
        live["spec"]!["ingressClassName"] = "traefik";
        await http.PutAsync(Ingresses + "/shop", Body(live));
        await http.DeleteAsync(Ingresses + "/shop");

        var events = new List<JsonObject>();
        for (var i = 0; i < 3; i++)
        {
            events.Add(await ReadEventAsync(reader));
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["ADDED", "MODIFIED", "DELETED"], events.Select(e => e["type"]!.GetValue<string>()));
        Assert.All(events, e => Assert.Equal("shop", e["object"]!["metadata"]!["name"]!.GetValue<string>()));
        Assert.Equal("Ingress", events[0]["object"]!["kind"]!.GetValue<string>());
        Assert.Equal("traefik", events[1]["object"]!["spec"]!["ingressClassName"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_watch_from_a_resourceVersion_replays_what_came_after_it()
    {
        await using var bed = await KubernetesTestBed.StartAsync(o => o.RunControllers = false);
        using var http = bed.Http();
        var list = await Json(await http.GetAsync(Ingresses));
        var since = list["metadata"]!["resourceVersion"]!.GetValue<string>();
        await http.PostAsync(Ingresses, Body(IngressObject("late", "late.example.com")));

        using var response = await http.GetAsync($"{Ingresses}?watch=true&resourceVersion={since}&timeoutSeconds=30", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var replayed = await ReadEventAsync(reader);

        Assert.Equal("ADDED", replayed["type"]!.GetValue<string>());
        Assert.Equal("late", replayed["object"]!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_watch_from_a_version_no_longer_kept_is_410_Expired()
    {
        await using var bed = await KubernetesTestBed.StartAsync(o =>
        {
            o.RunControllers = false;
            o.WatchHistory = 2;
        });
        using var http = bed.Http();
        for (var i = 0; i < 5; i++)
        {
            await http.PostAsync(Ingresses, Body(IngressObject($"i{i}", $"i{i}.example.com")));
        }

        var response = await http.GetAsync($"{Ingresses}?watch=true&resourceVersion=2");
        var status = await Json(response);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal("Expired", status["reason"]!.GetValue<string>());
        Assert.StartsWith("too old resource version: 2 (", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_watch_ends_after_timeoutSeconds()
    {
        await using var bed = await KubernetesTestBed.StartAsync(o => o.RunControllers = false);
        using var http = bed.Http();
        using var response = await http.GetAsync($"{Ingresses}?watch=true&timeoutSeconds=1", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        Assert.Null(await reader.ReadLineAsync(deadline.Token));
    }

    private static async Task<JsonObject> ReadEventAsync(StreamReader reader)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var line = await reader.ReadLineAsync(deadline.Token) ?? throw new InvalidOperationException("The watch ended.");
        return JsonNode.Parse(line)!.AsObject();
    }
}
