using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using Provisioner.Workflow.Model;

namespace Provisioner.Templates.Tests;

/// <summary>Every template in the repository renders, and its manifests are what Kubernetes and Jenkins expect.</summary>
public sealed partial class RepositoryTemplatesTests
{
    public static TheoryData<string, AppType> Templates => Samples.RepositoryTemplateIds();

    [Fact]
    public void The_repository_has_the_static_site_and_dotnet_api_templates()
    {
        var ids = Samples.Library().Templates.Select(t => t.Descriptor.Id).ToList();

        Assert.Contains("static-site", ids);
        Assert.Contains("dotnet-api", ids);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Every_file_renders_inside_the_site_folder(string templateId, AppType appType)
    {
        var site = Samples.Site();

        var rendered = Samples.Renderer().RenderSite(Samples.Request(templateId, appType, site));

        Assert.NotEmpty(rendered.Files);
        Assert.All(rendered.Files, f => Assert.StartsWith("sites/shop.example.com/", f.Path, StringComparison.Ordinal));
        Assert.All(rendered.Files, f => Assert.DoesNotContain("{{", f.Content, StringComparison.Ordinal));
        Assert.Contains(rendered.Files, f => f.Path == "sites/shop.example.com/Dockerfile");
        Assert.Contains(rendered.Files, f => f.Path == "sites/shop.example.com/Jenkinsfile");
        Assert.Contains(rendered.Files, f => f.Path == "sites/shop.example.com/k8s/deployment.yaml");
        Assert.Contains(rendered.Files, f => f.Path == "sites/shop.example.com/k8s/service.yaml");
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Every_yaml_file_is_a_kubernetes_object_with_the_site_names(string templateId, AppType appType)
    {
        var rendered = Samples.Renderer().RenderSite(Samples.Request(templateId, appType));

        var objects = rendered.Files
            .Where(f => f.Path.EndsWith(".yaml", StringComparison.Ordinal) || f.Path.EndsWith(".yml", StringComparison.Ordinal))
            .SelectMany(f => KubernetesYaml.LoadAllFromString(f.Content))
            .Cast<IKubernetesObject<V1ObjectMeta>>()
            .ToList();

        Assert.Equal(2, objects.Count);
        Assert.All(objects, o => Assert.Equal("shop-example-com", o.Metadata.Name));
        Assert.All(objects, o => Assert.Equal("sites", o.Metadata.NamespaceProperty));
        Assert.Single(objects.OfType<V1Deployment>());
        Assert.Single(objects.OfType<V1Service>());
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void The_deployment_runs_non_root_on_8080_with_probes_and_resources(string templateId, AppType appType)
    {
        var deployment = KubernetesYaml.Deserialize<V1Deployment>(File(templateId, appType, "k8s/deployment.yaml"), strict: true);

        Assert.Equal("apps/v1", deployment.ApiVersion);
        Assert.Equal("Deployment", deployment.Kind);
        Assert.Equal(2, deployment.Spec.Replicas);
        Assert.Equal("shop-example-com", deployment.Spec.Selector.MatchLabels["app.kubernetes.io/name"]);
        Assert.Equal(deployment.Spec.Selector.MatchLabels, deployment.Spec.Template.Metadata.Labels);
        Assert.Equal("shop.example.com", deployment.Metadata.Annotations["provisioner/domain"]);
        Assert.Equal(templateId, deployment.Metadata.Annotations["provisioner/template"]);
        Assert.True(deployment.Spec.Template.Spec.SecurityContext.RunAsNonRoot);
        var container = Assert.Single(deployment.Spec.Template.Spec.Containers);
        Assert.Equal("app", container.Name);
        Assert.Equal("registry.test/sites/shop-example-com:latest", container.Image);
        var port = Assert.Single(container.Ports);
        Assert.Equal(8080, port.ContainerPort);
        Assert.Equal("http", port.Name);
        Assert.Equal("/healthz", container.ReadinessProbe.HttpGet.Path);
        Assert.Equal("/healthz", container.LivenessProbe.HttpGet.Path);
        Assert.NotNull(container.Resources.Requests["cpu"]);
        Assert.NotNull(container.Resources.Limits["memory"]);
        Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
        Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
        Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void The_service_exposes_port_80_to_the_pods_http_port(string templateId, AppType appType)
    {
        var service = KubernetesYaml.Deserialize<V1Service>(File(templateId, appType, "k8s/service.yaml"), strict: true);

        Assert.Equal("v1", service.ApiVersion);
        Assert.Equal("Service", service.Kind);
        Assert.Equal("shop-example-com", service.Spec.Selector["app.kubernetes.io/name"]);
        var port = Assert.Single(service.Spec.Ports);
        Assert.Equal(80, port.Port);
        Assert.Equal("http", port.TargetPort.Value);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void The_jenkinsfile_declares_exactly_the_build_parameters_provided(string templateId, AppType appType)
    {
        var rendered = Samples.Renderer().RenderSite(Samples.Request(templateId, appType));
        var jenkinsfile = rendered.Files.Single(f => f.Path.EndsWith("/Jenkinsfile", StringComparison.Ordinal)).Content;

        var declared = DeclaredParameter().Matches(jenkinsfile).Select(m => m.Groups[1].Value).ToHashSet();
        var referenced = ParamsReference().Matches(jenkinsfile).Select(m => m.Groups[1].Value).ToHashSet();
        var shellVariables = ShellVariable().Matches(jenkinsfile).Select(m => m.Groups[1].Value).ToHashSet();

        Assert.NotEmpty(declared);
        Assert.Equal(declared.Order(), rendered.BuildParameters.Keys.Order());
        Assert.Subset(declared, referenced);
        // The shell steps read parameters as environment variables; IMAGE_REF is set by the pipeline itself.
        Assert.Subset(declared.Append("IMAGE_REF").ToHashSet(), shellVariables);
        Assert.Equal("shop-example-com", rendered.BuildParameters["APP_NAME"]);
        Assert.Equal("sites", rendered.BuildParameters["NAMESPACE"]);
        Assert.Equal("shop.example.com", rendered.BuildParameters["DOMAIN"]);
        Assert.Equal("sites/shop.example.com", rendered.BuildParameters["SITE_PATH"]);
        Assert.Equal("registry.test/sites/shop-example-com", rendered.BuildParameters["IMAGE"]);
        Assert.Contains("defaultValue: 'shop-example-com'", jenkinsfile, StringComparison.Ordinal);
        Assert.Contains("| kubectl -n \"$NAMESPACE\" apply -f -", jenkinsfile, StringComparison.Ordinal);
        // Provisioner follows the rollout and reports pod evidence; a build that waited would fail with less to show.
        Assert.DoesNotContain("kubectl -n \"$NAMESPACE\" rollout status", jenkinsfile, StringComparison.Ordinal);
    }

    [Fact]
    public void The_dotnet_api_targets_net10_and_maps_healthz()
    {
        var rendered = Samples.Renderer().RenderSite(Samples.Request("dotnet-api", AppType.Backend));
        var project = System.Xml.Linq.XDocument.Parse(rendered.Files.Single(f => f.Path.EndsWith(".csproj", StringComparison.Ordinal)).Content);
        var program = rendered.Files.Single(f => f.Path.EndsWith("/Program.cs", StringComparison.Ordinal)).Content;

        Assert.Equal("Microsoft.NET.Sdk.Web", project.Root!.Attribute("Sdk")!.Value);
        Assert.Equal("net10.0", project.Descendants("TargetFramework").Single().Value);
        Assert.Contains("MapHealthChecks(\"/healthz\")", program, StringComparison.Ordinal);
        Assert.Contains("?? \"shop.example.com\"", program, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, "nginx", null)]
    [InlineData("letsencrypt-prod", null, "traefik", "shop-example-com-tls")]
    [InlineData(null, "wildcard-example-com-tls", "nginx", "wildcard-example-com-tls")]
    [InlineData("letsencrypt-prod", "wildcard-example-com-tls", "nginx", "wildcard-example-com-tls")]
    public void The_ingress_routes_the_domain_to_the_service_with_TLS_when_an_issuer_or_a_secret_is_set(
        string? clusterIssuer, string? tlsSecretName, string ingressClass, string? expectedSecret)
    {
        var yaml = Samples.Renderer(Samples.Settings(clusterIssuer: clusterIssuer, ingressClass: ingressClass, tlsSecretName: tlsSecretName))
            .RenderIngress(Samples.Request("static-site", AppType.Frontend));

        var ingress = KubernetesYaml.Deserialize<V1Ingress>(yaml, strict: true);

        Assert.Equal("networking.k8s.io/v1", ingress.ApiVersion);
        Assert.Equal("Ingress", ingress.Kind);
        Assert.Equal("shop-example-com", ingress.Metadata.Name);
        Assert.Equal("sites", ingress.Metadata.NamespaceProperty);
        Assert.Equal(ingressClass, ingress.Spec.IngressClassName);
        var rule = Assert.Single(ingress.Spec.Rules);
        Assert.Equal("shop.example.com", rule.Host);
        var path = Assert.Single(rule.Http.Paths);
        Assert.Equal("/", path.Path);
        Assert.Equal("Prefix", path.PathType);
        Assert.Equal("shop-example-com", path.Backend.Service.Name);
        Assert.Equal(80, path.Backend.Service.Port.Number);
        if (expectedSecret is null)
        {
            Assert.Null(ingress.Spec.Tls);
        }
        else
        {
            var tls = Assert.Single(ingress.Spec.Tls);
            Assert.Equal(["shop.example.com"], tls.Hosts);
            Assert.Equal(expectedSecret, tls.SecretName);
        }

        // cert-manager is asked for a certificate only when there is an issuer to ask.
        Assert.Equal(clusterIssuer, ingress.Metadata.Annotations.TryGetValue("cert-manager.io/cluster-issuer", out var issuer) ? issuer : null);
    }

    [Fact]
    public void No_template_quotes_an_expression_where_the_encoder_already_writes_a_literal()
    {
        var quoted = new Regex(@"[""']\{\{");
        // Only the files a template renders; template.json holds Liquid as data.
        var offenders = Directory.EnumerateFiles(Samples.RepositoryTemplates, "*", SearchOption.AllDirectories)
            .Where(path => Path.GetFileName(path) != "template.json")
            .Where(path => Rendering.Encoding.OutputFormats.ForFile(path.Replace(".liquid", "", StringComparison.Ordinal))
                is Rendering.Encoding.YamlEncoder or Rendering.Encoding.JsonEncoder or Rendering.Encoding.GroovyEncoder
                or Rendering.Encoding.CSharpEncoder or Rendering.Encoding.DockerfileEncoder)
            .Where(path => quoted.IsMatch(System.IO.File.ReadAllText(path)))
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void Renders_concurrently_with_the_same_result()
    {
        var renderer = Samples.Renderer();
        var request = Samples.Request("dotnet-api", AppType.Backend);
        var expected = renderer.RenderSite(request);

        var results = new Workflow.Integrations.Templates.RenderedSite[32];
        Parallel.For(0, results.Length, i => results[i] = renderer.RenderSite(request));

        Assert.All(results, r => Assert.Equal(expected.Files, r.Files));
    }

    [Fact]
    public void Templates_are_parsed_once_and_reused()
    {
        var library = Samples.Library();

        var first = library.Find("static-site")!;
        var second = library.Find("static-site")!;

        Assert.Same(first, second);
        Assert.Same(library.Ingress, library.Ingress);
    }

    private static string File(string templateId, AppType appType, string relativePath) =>
        Samples.Renderer().RenderSite(Samples.Request(templateId, appType)).Files
            .Single(f => f.Path == "sites/shop.example.com/" + relativePath).Content;

    [GeneratedRegex(@"string\(name:\s*'([A-Z_][A-Z0-9_]*)'")]
    private static partial Regex DeclaredParameter();

    [GeneratedRegex(@"params\.([A-Z_][A-Z0-9_]*)")]
    private static partial Regex ParamsReference();

    [GeneratedRegex(@"\$([A-Z_][A-Z0-9_]*)")]
    private static partial Regex ShellVariable();
}
