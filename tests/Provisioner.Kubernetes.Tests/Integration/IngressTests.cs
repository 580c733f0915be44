using k8s;
using k8s.Models;
using Provisioner.Kubernetes.Tests.Support;
using Provisioner.Workflow.Integrations;

namespace Provisioner.Kubernetes.Tests.Integration;

/// <summary>The site's Ingress by server-side apply: created, unchanged on re-apply, updated on change, never taken from someone else.</summary>
public sealed class IngressTests
{
    [Fact]
    public async Task Applies_the_rendered_template_and_the_live_object_equals_it()
    {
        await using var bed = await KubernetesTestBed.StartAsync();
        var site = KubernetesTestBed.Site();
        var manifest = IngressTemplates.Render(site, clusterIssuer: "letsencrypt-prod");

        var applied = await bed.Cluster().ApplyIngressAsync(site.Namespace, manifest, CancellationToken.None);

        Assert.Equal(new[] { site.Domain }, applied.Hosts);
        Assert.Equal(site.AppName, applied.Name);
        Assert.True(applied.Tls);
        var live = await bed.Kube.NetworkingV1.ReadNamespacedIngressAsync(site.AppName, site.Namespace);
        var rendered = KubernetesYaml.Deserialize<V1Ingress>(manifest);
        Assert.Equal(KubernetesJson.Serialize(rendered.Spec), KubernetesJson.Serialize(live.Spec));
        Assert.Equal(rendered.Metadata.Labels, live.Metadata.Labels);
        Assert.Equal(rendered.Metadata.Annotations, live.Metadata.Annotations);
        Assert.Equal("nginx", live.Spec.IngressClassName);
        Assert.Equal("letsencrypt-prod", live.Metadata.Annotations["cert-manager.io/cluster-issuer"]);
        Assert.Equal(site.Domain, Assert.Single(Assert.Single(live.Spec.Tls).Hosts));
        var manager = Assert.Single(live.Metadata.ManagedFields);
        Assert.Equal(("provisioner", "Apply"), (manager.Manager, manager.Operation));
    }

    [Fact]
    public async Task Without_an_issuer_the_Ingress_has_no_TLS()
    {
        await using var bed = await KubernetesTestBed.StartAsync();
        var site = KubernetesTestBed.Site();

        var applied = await bed.Cluster().ApplyIngressAsync(site.Namespace, IngressTemplates.Render(site, ingressClass: "traefik"), CancellationToken.None);

        Assert.False(applied.Tls);
        var live = await bed.Kube.NetworkingV1.ReadNamespacedIngressAsync(site.AppName, site.Namespace);
        Assert.Null(live.Spec.Tls);
        Assert.Equal("traefik", live.Spec.IngressClassName);
        Assert.False(live.Metadata.Annotations.ContainsKey("cert-manager.io/cluster-issuer"));
    }

    [Fact]
    public async Task Applying_twice_changes_nothing_and_a_changed_template_updates_it()
    {
        await using var bed = await KubernetesTestBed.StartAsync(o => o.RunControllers = false);
        var site = KubernetesTestBed.Site();
        var cluster = bed.Cluster();
        var manifest = IngressTemplates.Render(site);

        await cluster.ApplyIngressAsync(site.Namespace, manifest, CancellationToken.None);
        var first = await bed.Kube.NetworkingV1.ReadNamespacedIngressAsync(site.AppName, site.Namespace);
        await cluster.ApplyIngressAsync(site.Namespace, manifest, CancellationToken.None);
        var second = await bed.Kube.NetworkingV1.ReadNamespacedIngressAsync(site.AppName, site.Namespace);
        await cluster.ApplyIngressAsync(site.Namespace, IngressTemplates.Render(site, clusterIssuer: "letsencrypt-prod"), CancellationToken.None);
        var third = await bed.Kube.NetworkingV1.ReadNamespacedIngressAsync(site.AppName, site.Namespace);

        Assert.Equal(first.Metadata.ResourceVersion, second.Metadata.ResourceVersion);
        Assert.Equal(first.Metadata.Generation, second.Metadata.Generation);
        Assert.NotEqual(second.Metadata.ResourceVersion, third.Metadata.ResourceVersion);
        Assert.Equal(second.Metadata.Generation + 1, third.Metadata.Generation);
        Assert.NotNull(third.Spec.Tls);
        Assert.Equal("letsencrypt-prod", third.Metadata.Annotations["cert-manager.io/cluster-issuer"]);

        // Back to the template without TLS: the fields Provisioner no longer applies are removed.
        await cluster.ApplyIngressAsync(site.Namespace, manifest, CancellationToken.None);
        var fourth = await bed.Kube.NetworkingV1.ReadNamespacedIngressAsync(site.AppName, site.Namespace);
        Assert.Null(fourth.Spec.Tls);
        Assert.False(fourth.Metadata.Annotations.ContainsKey("cert-manager.io/cluster-issuer"));
    }

    [Fact]
    public async Task An_Ingress_of_someone_else_routing_the_host_is_refused_by_name()
    {
        await using var bed = await KubernetesTestBed.StartAsync(o => o.RunControllers = false);
        var site = KubernetesTestBed.Site();
        var foreign = KubernetesYaml.Deserialize<V1Ingress>(IngressTemplates.Render(site));
        foreign.Metadata.Name = "legacy-shop";
        await bed.Kube.NetworkingV1.CreateNamespacedIngressAsync(foreign, site.Namespace, fieldManager: "kubectl-create");

        var error = await Assert.ThrowsAsync<PermanentIntegrationException>(() => bed.Cluster().ApplyIngressAsync(site.Namespace, IngressTemplates.Render(site), CancellationToken.None));

        Assert.Contains("Ingress sites/legacy-shop already routes shop.example.com", error.Message, StringComparison.Ordinal);
        Assert.Contains("not managed by Provisioner", error.Message, StringComparison.Ordinal);
        Assert.Contains("kubectl-create", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(bed.Simulator.Log.ApiCalls, c => c.Method == "PATCH");
        await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => bed.Kube.NetworkingV1.ReadNamespacedIngressAsync(site.AppName, site.Namespace));
    }

    [Fact]
    public async Task An_Ingress_of_the_same_name_made_by_someone_else_is_not_taken_over()
    {
        await using var bed = await KubernetesTestBed.StartAsync(o => o.RunControllers = false);
        var site = KubernetesTestBed.Site();
        var handMade = KubernetesYaml.Deserialize<V1Ingress>(IngressTemplates.Render(site));
        await bed.Kube.NetworkingV1.CreateNamespacedIngressAsync(handMade, site.Namespace, fieldManager: "kubectl-client-side-apply");

        var error = await Assert.ThrowsAsync<PermanentIntegrationException>(() => bed.Cluster().ApplyIngressAsync(site.Namespace, IngressTemplates.Render(site), CancellationToken.None));

        Assert.Contains($"Ingress sites/{site.AppName} already exists and is not managed by Provisioner (its field managers: kubectl-client-side-apply)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_field_another_manager_took_is_a_conflict_naming_the_owner()
    {
        await using var bed = await KubernetesTestBed.StartAsync(o => o.RunControllers = false);
        var site = KubernetesTestBed.Site();
        var cluster = bed.Cluster();
        await cluster.ApplyIngressAsync(site.Namespace, IngressTemplates.Render(site), CancellationToken.None);
        var patch = new V1Patch("""{"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"shop-example-com"},"spec":{"ingressClassName":"traefik"}}""", V1Patch.PatchType.ApplyPatch);
        await bed.Kube.NetworkingV1.PatchNamespacedIngressAsync(patch, site.AppName, site.Namespace, fieldManager: "platform-team", force: true);

        var error = await Assert.ThrowsAsync<PermanentIntegrationException>(() => cluster.ApplyIngressAsync(site.Namespace, IngressTemplates.Render(site), CancellationToken.None));

        Assert.Contains(".spec.ingressClassName is owned by \"platform-team\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("Apply failed with 1 conflict: conflict with \"platform-team\": .spec.ingressClassName", error.Message, StringComparison.Ordinal);
        var live = await bed.Kube.NetworkingV1.ReadNamespacedIngressAsync(site.AppName, site.Namespace);
        Assert.Equal("traefik", live.Spec.IngressClassName);
    }

    [Fact]
    public async Task The_address_appears_when_the_ingress_controller_serves_the_class()
    {
        await using var bed = await KubernetesTestBed.StartAsync(o => o.IngressPort = 18080);
        var site = KubernetesTestBed.Site();
        var cluster = bed.Cluster();
        await cluster.ApplyIngressAsync(site.Namespace, IngressTemplates.Render(site), CancellationToken.None);

        var address = await Eventually.UntilAsync(() => cluster.GetIngressAddressAsync(site.Namespace, site.AppName, CancellationToken.None), a => a is not null, TimeSpan.FromSeconds(10), "an address");

        Assert.Equal(new Workflow.Integrations.Cluster.IngressAddress("127.0.0.1", 18080), address);
    }

    [Fact]
    public async Task An_Ingress_of_another_class_gets_no_address()
    {
        await using var bed = await KubernetesTestBed.StartAsync();
        var site = KubernetesTestBed.Site();
        var cluster = bed.Cluster();
        await cluster.ApplyIngressAsync(site.Namespace, IngressTemplates.Render(site, ingressClass: "traefik"), CancellationToken.None);
        var other = KubernetesTestBed.Site("served.example.com");
        await cluster.ApplyIngressAsync(other.Namespace, IngressTemplates.Render(other), CancellationToken.None);

        await Eventually.UntilAsync(() => cluster.GetIngressAddressAsync(other.Namespace, other.AppName, CancellationToken.None), a => a is not null, TimeSpan.FromSeconds(10), "the nginx Ingress's address");

        Assert.Null(await cluster.GetIngressAddressAsync(site.Namespace, site.AppName, CancellationToken.None));
    }

    [Fact]
    public async Task A_host_name_address_is_reported_as_the_host_name()
    {
        await using var bed = await KubernetesTestBed.StartAsync(o => o.IngressAddress = "lb.example.net");
        var site = KubernetesTestBed.Site();
        var cluster = bed.Cluster();
        await cluster.ApplyIngressAsync(site.Namespace, IngressTemplates.Render(site), CancellationToken.None);

        var address = await Eventually.UntilAsync(() => cluster.GetIngressAddressAsync(site.Namespace, site.AppName, CancellationToken.None), a => a is not null, TimeSpan.FromSeconds(10), "an address");

        Assert.Equal(new Workflow.Integrations.Cluster.IngressAddress("lb.example.net"), address);
    }

    [Theory]
    [InlineData("kind: Service\napiVersion: v1\nmetadata:\n  name: x\n", "must render one networking.k8s.io/v1 Ingress")]
    [InlineData("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: x\n  namespace: other\n", "renders namespace other, but the site runs in sites")]
    [InlineData("apiVersion: [unclosed\n", "did not render a valid Ingress manifest")]
    public async Task A_broken_manifest_is_refused_before_anything_is_sent(string manifest, string expected)
    {
        await using var bed = await KubernetesTestBed.StartAsync(o => o.RunControllers = false);

        var error = await Assert.ThrowsAsync<PermanentIntegrationException>(() => bed.Cluster().ApplyIngressAsync("sites", manifest, CancellationToken.None));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(bed.Simulator.Log.ApiCalls);
    }
}
