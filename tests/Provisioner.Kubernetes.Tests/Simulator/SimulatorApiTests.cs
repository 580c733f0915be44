using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Provisioner.Kubernetes.Tests.Support;
using Provisioner.Simulators.Common.Diagnostics;

namespace Provisioner.Kubernetes.Tests.Simulator;

/// <summary>The simulator answers as the API server does: Status bodies, resource versions, selectors, server-side apply, tables, discovery.</summary>
public sealed class SimulatorApiTests
{
    private const string Ingresses = "apis/networking.k8s.io/v1/namespaces/sites/ingresses";
    private const string Deployments = "apis/apps/v1/namespaces/sites/deployments";

    [Fact]
    public async Task A_missing_or_wrong_token_is_the_401_Status()
    {
        await using var bed = await KubernetesTestBed.StartAsync(o => o.RunControllers = false);
        using var anonymous = bed.Http(authenticated: false);
        using var wrong = bed.Http(authenticated: false);
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token");

        foreach (var client in new[] { anonymous, wrong })
        {
            var response = await client.GetAsync("api/v1/namespaces");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}""", (await response.Content.ReadAsStringAsync()).Trim());
        }
    }

    [Fact]
    public async Task Not_found_already_exists_and_a_stale_resourceVersion_are_the_servers_Status_bodies()
    {
        await using var bed = await KubernetesTestBed.StartAsync(o => o.RunControllers = false);
        using var http = bed.Http();
        var ingress = IngressObject("shop", "shop.example.com");

        var missing = await Raw(await http.GetAsync(Ingresses + "/shop"));
        var created = await http.PostAsync(Ingresses, Body(ingress));
        var again = await Raw(await http.PostAsync(Ingresses, Body(ingress)));
        var live = await Json(await http.GetAsync(Ingresses + "/shop"));
        var stale = live.DeepClone().AsObject();
        live["spec"]!["ingressClassName"] = "traefik";
        var updated = await http.PutAsync(Ingresses + "/shop", Body(live));
        stale["spec"]!["ingressClassName"] = "haproxy";
        var conflict = await http.PutAsync(Ingresses + "/shop", Body(stale));

        Assert.Equal("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"ingresses.networking.k8s.io \"shop\" not found","reason":"NotFound","details":{"name":"shop","group":"networking.k8s.io","kind":"ingresses"},"code":404}""", missing);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"ingresses.networking.k8s.io \"shop\" already exists","reason":"AlreadyExists","details":{"name":"shop","group":"networking.k8s.io","kind":"ingresses"},"code":409}""", again);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Operation cannot be fulfilled on ingresses.networking.k8s.io \"shop\": the object has been modified; please apply your changes to the latest version and try again","reason":"Conflict","details":{"name":"shop","group":"networking.k8s.io","kind":"ingresses"},"code":409}""", await Raw(conflict));
        var final = await Json(await http.GetAsync(Ingresses + "/shop"));
        Assert.Equal("traefik", final["spec"]!["ingressClassName"]!.GetValue<string>());
        Assert.Equal(2, final["metadata"]!["generation"]!.GetValue<int>());
    }

    [Fact]
    public async Task Creating_in_a_missing_namespace_and_an_invalid_object_are_refused_as_the_server_does()
    {
        await using var bed = await KubernetesTestBed.StartAsync(o => o.RunControllers = false);
        using var http = bed.Http();
        var noPathType = IngressObject("bad", "bad.example.com");
        noPathType["spec"]!["rules"]![0]!["http"]!["paths"]![0]!.AsObject().Remove("pathType");

        var elsewhere = IngressObject("x", "x.example.com");
        elsewhere["metadata"]!.AsObject().Remove("namespace");
        var nowhere = await Json(await http.PostAsync("apis/networking.k8s.io/v1/namespaces/nowhere/ingresses", Body(elsewhere)));
        var invalid = await http.PostAsync(Ingresses, Body(noPathType));
        var badName = await Json(await http.PostAsync(Ingresses, Body(IngressObject("Bad_Name", "y.example.com"))));

        Assert.Equal("namespaces \"nowhere\" not found", nowhere["message"]!.GetValue<string>());
        Assert.Equal("""{"name":"nowhere","kind":"namespaces"}""", nowhere["details"]!.ToJsonString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        Assert.Equal("Ingress.networking.k8s.io \"bad\" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified", (await Json(invalid))["message"]!.GetValue<string>());
        Assert.Equal("Invalid", badName["reason"]!.GetValue<string>());
        Assert.StartsWith("Ingress.networking.k8s.io \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain", badName["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_side_apply_records_managers_shares_equal_values_and_refuses_to_change_anothers_field()
    {
        await using var bed = await KubernetesTestBed.StartAsync(o => o.RunControllers = false);
        using var http = bed.Http();
        var config = IngressObject("shop", "shop.example.com");

        var created = await Apply(http, "shop", config, "team-a");
        var unchanged = await Apply(http, "shop", config, "team-a");
        var shared = await Apply(http, "shop", config, "team-b");
        var changed = config.DeepClone().AsObject();
        changed["spec"]!["ingressClassName"] = "traefik";
        var conflict = await Apply(http, "shop", changed, "team-b");
        var forced = await Apply(http, "shop", changed, "team-b", force: true);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var first = await Json(created);
        Assert.Equal(first["metadata"]!["resourceVersion"]!.GetValue<string>(), (await Json(unchanged))["metadata"]!["resourceVersion"]!.GetValue<string>());
        var managers = (await Json(shared))["metadata"]!["managedFields"]!.AsArray().Select(m => m!["manager"]!.GetValue<string>());
        Assert.Equal(["team-a", "team-b"], managers);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var status = await Json(conflict);
        Assert.Equal("Apply failed with 1 conflict: conflict with \"team-a\": .spec.ingressClassName", status["message"]!.GetValue<string>());
        var cause = status["details"]!["causes"]!.AsArray().Single()!;
        Assert.Equal(("FieldManagerConflict", "conflict with \"team-a\"", ".spec.ingressClassName"), (cause["reason"]!.GetValue<string>(), cause["message"]!.GetValue<string>(), cause["field"]!.GetValue<string>()));
        var after = await Json(forced);
        Assert.Equal("traefik", after["spec"]!["ingressClassName"]!.GetValue<string>());
        var teamA = after["metadata"]!["managedFields"]!.AsArray().Single(m => m!["manager"]!.GetValue<string>() == "team-a")!;
        Assert.Null(teamA["fieldsV1"]!["f:spec"]!["f:ingressClassName"]);
        Assert.NotNull(teamA["fieldsV1"]!["f:spec"]!["f:rules"]);
    }

    [Fact]
    public async Task An_update_by_another_client_makes_an_apply_conflict_name_it_with_its_API_version()
    {
        await using var bed = await KubernetesTestBed.StartAsync(o => o.RunControllers = false);
        using var http = bed.Http();
        await Apply(http, "shop", IngressObject("shop", "shop.example.com"), "provisioner");
        var live = await Json(await http.GetAsync(Ingresses + "/shop"));
        live["spec"]!["ingressClassName"] = "traefik";
        await http.PutAsync(Ingresses + "/shop?fieldManager=kubectl-edit", Body(live));

        var conflict = await Json(await Apply(http, "shop", IngressObject("shop", "shop.example.com"), "provisioner"));

        Assert.Equal("Apply failed with 1 conflict: conflict with \"kubectl-edit\" using networking.k8s.io/v1: .spec.ingressClassName", conflict["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Label_and_field_selectors_filter_lists_and_unknown_field_labels_are_refused()
    {
        await using var bed = await KubernetesTestBed.StartAsync(o => o.RunControllers = false);
        using var http = bed.Http();
        foreach (var (name, tier) in new[] { ("a", "web"), ("b", "web"), ("c", "api") })
        {
            var ingress = IngressObject(name, name + ".example.com");
            ingress["metadata"]!["labels"] = new JsonObject { ["tier"] = tier };
            await http.PostAsync(Ingresses, Body(ingress));
        }

        async Task<string[]> Names(string query) => [.. (await Json(await http.GetAsync(Ingresses + query)))["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>())];

        Assert.Equal(["a", "b"], await Names("?labelSelector=tier%3Dweb"));
        Assert.Equal(["c"], await Names("?labelSelector=tier%20notin%20(web)"));
        Assert.Equal(["b"], await Names("?fieldSelector=metadata.name%3Db"));
        Assert.Equal(["a", "c"], await Names("?fieldSelector=metadata.name!%3Db"));
        var refused = await Json(await http.GetAsync(Ingresses + "?fieldSelector=spec.ingressClassName%3Dnginx"));
        Assert.Equal("field label not supported: spec.ingressClassName", refused["message"]!.GetValue<string>());
        Assert.Equal(400, refused["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task Lists_carry_a_resourceVersion_and_items_without_kind()
    {
        await using var bed = await KubernetesTestBed.StartAsync(o => o.RunControllers = false);
        using var http = bed.Http();
        await http.PostAsync(Ingresses, Body(IngressObject("a", "a.example.com")));

        var list = await Json(await http.GetAsync(Ingresses));

        Assert.Equal("IngressList", list["kind"]!.GetValue<string>());
        Assert.Equal("networking.k8s.io/v1", list["apiVersion"]!.GetValue<string>());
        Assert.Equal(bed.Simulator.State.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), list["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Null(list["items"]![0]!["kind"]);
    }

    [Fact]
    public async Task Tables_are_served_when_asked_for_with_the_servers_columns()
    {
        await using var bed = await KubernetesTestBed.StartAsync();
        using var http = bed.Http();
        await http.PostAsync(Deployments, Body(JsonNode.Parse(k8s.KubernetesJson.Serialize(Manifests.Deployment("shop", "registry.example.com/sites/shop:1")))!.AsObject()));
        await Eventually.UntilAsync(() => Task.FromResult(bed.Simulator.State.Get("deployments", "sites", "shop")), d => d?["status"]?["availableReplicas"]?.GetValue<int>() == 2, TimeSpan.FromSeconds(10), "two available replicas");

        using var request = new HttpRequestMessage(HttpMethod.Get, Deployments);
        request.Headers.Accept.ParseAdd("application/json;as=Table;v=v1;g=meta.k8s.io");
        var table = await Json(await http.SendAsync(request));

        Assert.Equal("Table", table["kind"]!.GetValue<string>());
        Assert.Equal(["Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector"], table["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        var cells = table["rows"]![0]!["cells"]!.AsArray();
        Assert.Equal("shop", cells[0]!.GetValue<string>());
        Assert.Equal("2/2", cells[1]!.GetValue<string>());
        Assert.Equal("PartialObjectMetadata", table["rows"]![0]!["object"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Discovery_answers_aggregated_and_legacy_clients()
    {
        await using var bed = await KubernetesTestBed.StartAsync(o => o.RunControllers = false);
        using var http = bed.Http();
        using var aggregated = new HttpRequestMessage(HttpMethod.Get, "apis");
        aggregated.Headers.TryAddWithoutValidation("Accept", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json");

        var v2 = await http.SendAsync(aggregated);
        var legacy = await Json(await http.GetAsync("apis"));
        var core = await Json(await http.GetAsync("api/v1"));
        var version = await Json(await http.GetAsync("version"));

        Assert.Equal("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", v2.Content.Headers.NonValidated["Content-Type"].ToString());
        var groups = (await Json(v2))["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(["apps", "networking.k8s.io"], groups);
        Assert.Equal("APIGroupList", legacy["kind"]!.GetValue<string>());
        Assert.Contains(core["resources"]!.AsArray(), r => r!["name"]!.GetValue<string>() == "pods" && r["shortNames"]![0]!.GetValue<string>() == "po");
        Assert.Equal("1", version["major"]!.GetValue<string>());
    }

    [Fact]
    public async Task Injected_faults_answer_with_Status_bodies_and_Retry_After()
    {
        await using var bed = await KubernetesTestBed.StartAsync(o => o.RunControllers = false);
        using var http = bed.Http();
        bed.Simulator.Faults.Add(new FaultRule("GET", "/" + Ingresses) { StatusCode = 429, RetryAfterSeconds = 3 });

        var throttled = await http.GetAsync(Ingresses);
        var next = await http.GetAsync(Ingresses);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), throttled.Headers.RetryAfter!.Delta);
        Assert.Equal("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Too many requests, please try again later.","reason":"TooManyRequests","details":{"retryAfterSeconds":3},"code":429}""", await Raw(throttled));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal([429, 200], bed.Simulator.Log.ApiCalls.Select(c => c.Status));
    }

    internal static JsonObject IngressObject(string name, string host) => new()
    {
        ["apiVersion"] = "networking.k8s.io/v1",
        ["kind"] = "Ingress",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "sites" },
        ["spec"] = new JsonObject
        {
            ["ingressClassName"] = "nginx",
            ["rules"] = new JsonArray(new JsonObject
            {
                ["host"] = host,
                ["http"] = new JsonObject
                {
                    ["paths"] = new JsonArray(new JsonObject
                    {
                        ["path"] = "/",
                        ["pathType"] = "Prefix",
                        ["backend"] = new JsonObject { ["service"] = new JsonObject { ["name"] = name, ["port"] = new JsonObject { ["number"] = 80 } } },
                    }),
                },
            }),
        },
    };

    internal static StringContent Body(JsonObject obj, string contentType = "application/json") => new(obj.ToJsonString(), Encoding.UTF8, contentType);

    internal static async Task<string> Raw(HttpResponseMessage response) => (await response.Content.ReadAsStringAsync()).Trim();

    internal static async Task<JsonObject> Json(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    private static Task<HttpResponseMessage> Apply(HttpClient http, string name, JsonObject config, string manager, bool force = false)
    {
        var content = new StringContent(config.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/apply-patch+yaml");
        return http.PatchAsync($"{Ingresses}/{name}?fieldManager={manager}{(force ? "&force=true" : string.Empty)}", content);
    }
}
