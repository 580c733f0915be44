using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Moq;
using Provisioner.Templates.Catalog;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Integrations;
using Provisioner.Workflow.Integrations.Templates;
using Provisioner.Workflow.Model;

namespace Provisioner.Templates.Tests;

/// <summary>The catalog lists the folder's templates and names the file when one is broken.</summary>
public sealed class CatalogTests
{
    [Fact]
    public void Lists_both_repository_templates_by_id_with_their_app_types()
    {
        var catalog = new LocalTemplateCatalog(Samples.Library());

        var templates = catalog.List();

        Assert.Equal(["dotnet-api", "static-site"], templates.Select(t => t.Id));
        Assert.Equal(AppType.Backend, templates[0].AppType);
        Assert.Equal(AppType.Frontend, templates[1].AppType);
        Assert.All(templates, t => Assert.False(string.IsNullOrWhiteSpace(t.Name)));
        Assert.All(templates, t => Assert.False(string.IsNullOrWhiteSpace(t.Description)));
        Assert.Contains(templates[1].Parameters, p => p.Name == "page_title" && p.Default == "Coming soon");
        Assert.All(templates, t => Assert.Contains(t.Parameters, p => p.Name == "replicas" && p.Default == "2"));
    }

    [Fact]
    public void Finds_a_template_by_id_and_returns_null_for_an_unknown_one()
    {
        var catalog = new LocalTemplateCatalog(Samples.Library());

        Assert.Equal("static-site", catalog.Find("static-site")?.Id);
        Assert.Null(catalog.Find("wordpress"));
        Assert.Null(catalog.Find("Static-Site"));
    }

    [Theory]
    [InlineData("{ not json", "not a valid manifest")]
    [InlineData("""{ "id": "other", "name": "n", "app_type": "frontend", "description": "d" }""", "must equal its folder name")]
    [InlineData("""{ "id": "broken", "name": "n", "app_type": "mobile", "description": "d" }""", "'app_type' must be")]
    [InlineData("""{ "id": "broken", "app_type": "frontend", "description": "d" }""", "'name' and 'description' are required")]
    [InlineData("""{ "id": "broken", "name": "n", "app_type": "frontend", "description": "d", "typo": 1 }""", "typo")]
    [InlineData("""{ "id": "broken", "name": "n", "app_type": "frontend", "description": "d", "parameters": [{ "name": "x" }] }""", "needs a default")]
    [InlineData("""{ "id": "broken", "name": "n", "app_type": "frontend", "description": "d", "build_parameters": { "app": "x" } }""", "UPPER_SNAKE_CASE")]
    public void A_broken_manifest_names_the_file_and_the_problem(string manifest, string problem)
    {
        using var catalog = new TempCatalog()
            .Template("good", "{{site.repository_path}}/a.yaml", "a: 1\n")
            .Write("broken/template.json", manifest)
            .Write("broken/files/{{site.repository_path}}/a.yaml", "a: 1\n");

        var error = Assert.Throws<PermanentIntegrationException>(() => new LocalTemplateCatalog(Samples.Library(Samples.Settings(catalog.Root))).List());

        Assert.Contains("'broken/template.json'", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_template_folder_without_a_manifest_names_the_missing_file()
    {
        using var catalog = new TempCatalog().Write("orphan/files/a.yaml", "a: 1\n");

        var error = Assert.Throws<PermanentIntegrationException>(() => new LocalTemplateCatalog(Samples.Library(Samples.Settings(catalog.Root))).List());

        Assert.Contains("'orphan/template.json'", error.Message, StringComparison.Ordinal);
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_catalog_without_the_ingress_template_names_it()
    {
        using var catalog = new TempCatalog(withIngress: false).Template("good", "{{site.repository_path}}/a.yaml", "a: 1\n");

        var error = Assert.Throws<PermanentIntegrationException>(() => new LocalTemplateCatalog(Samples.Library(Samples.Settings(catalog.Root))).List());

        Assert.Contains("'ingress/ingress.yaml.liquid'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_template_root_names_the_setting()
    {
        var root = Path.Combine(Path.GetTempPath(), "no-such-templates-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<PermanentIntegrationException>(() => new LocalTemplateCatalog(Samples.Library(Samples.Settings(root))).List());

        Assert.Contains(SettingNames.TemplateRoot, error.Message, StringComparison.Ordinal);
        Assert.Contains(root, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fixed_catalog_loads_on_the_next_call_without_a_restart()
    {
        using var catalog = new TempCatalog().Write("late/template.json", "{ broken");
        var templates = new LocalTemplateCatalog(Samples.Library(Samples.Settings(catalog.Root)));
        Assert.Throws<PermanentIntegrationException>(() => templates.List());

        catalog.Template("late", "{{site.repository_path}}/a.yaml", "a: 1\n");

        Assert.Equal("late", Assert.Single(templates.List()).Id);
    }

    [Fact]
    public void The_default_root_is_the_repository_templates_folder_found_from_the_base_directory()
    {
        var root = TemplateRootLocator.Find(AppContext.BaseDirectory);

        Assert.NotNull(root);
        Assert.True(File.Exists(Path.Combine(root, "static-site", "template.json")));
        Assert.Null(TemplateRootLocator.Find(Path.GetTempPath()));
    }

    [Fact]
    public void AddTemplates_registers_singletons_configured_from_the_settings()
    {
        var settings = new Dictionary<string, string?>
        {
            [SettingNames.TemplateRoot] = Samples.RepositoryTemplates,
            [SettingNames.KubernetesIngressClass] = "traefik",
            [SettingNames.KubernetesClusterIssuer] = "letsencrypt-prod",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddTemplates(configuration, settings => settings.ImageRegistry = "ghcr.io/acme");

        // The template services, and their settings' registrations, are singletons (the options plumbing underneath is the framework's own).
        Assert.All(services.Where(d => OfProvisioner(d.ServiceType)), d => Assert.Equal(ServiceLifetime.Singleton, d.Lifetime));
        Assert.Equal(typeof(LocalTemplateCatalog), services.Single(d => d.ServiceType == typeof(ITemplateCatalog)).ImplementationType);
        Assert.Equal(typeof(Rendering.LiquidTemplateRenderer), services.Single(d => d.ServiceType == typeof(ITemplateRenderer)).ImplementationType);
        using var provider = services.BuildServiceProvider();
        var library = Assert.IsType<TemplateLibrary>(provider.GetRequiredService<TemplateLibrary>());
        var renderer = new Rendering.LiquidTemplateRenderer(library);
        var request = Samples.Request("static-site", AppType.Frontend);

        Assert.Equal(2, new LocalTemplateCatalog(library).List().Count);
        var ingress = renderer.RenderIngress(request);
        Assert.Contains("ingressClassName: traefik", ingress, StringComparison.Ordinal);
        Assert.Contains("cert-manager.io/cluster-issuer: letsencrypt-prod", ingress, StringComparison.Ordinal);
        Assert.Equal("ghcr.io/acme/shop-example-com", renderer.RenderSite(request).BuildParameters["IMAGE"]);
    }

    [Theory]
    [InlineData("Wildcard_TLS")]
    [InlineData("tls secret")]
    [InlineData("-tls")]
    public void A_TLS_secret_name_Kubernetes_would_refuse_stops_the_start_naming_the_setting(string secret)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [SettingNames.TemplateRoot] = Samples.RepositoryTemplates,
            [SettingNames.KubernetesTlsSecretName] = secret,
        }).Build();
        using var provider = new ServiceCollection().AddTemplates(configuration).BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.StartsWith($"Setting K8S_TLS_SECRET_NAME is '{secret}', not a Kubernetes Secret name", Assert.Single(failure.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_TLS_secret_name_binds_by_its_setting_name()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [SettingNames.TemplateRoot] = Samples.RepositoryTemplates,
            [SettingNames.KubernetesTlsSecretName] = " wildcard.example-com-tls ",
        }).Build();
        using var provider = new ServiceCollection().AddTemplates(configuration).BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal("wildcard.example-com-tls", provider.GetRequiredService<IOptions<TemplateSettings>>().Value.TlsSecretName);
    }

    private static bool OfProvisioner(Type type) =>
        type.Namespace?.StartsWith("Provisioner.", StringComparison.Ordinal) == true || type.GenericTypeArguments.Any(OfProvisioner);
}
