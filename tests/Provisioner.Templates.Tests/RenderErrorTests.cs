using Provisioner.Workflow.Integrations;
using Provisioner.Workflow.Model;

namespace Provisioner.Templates.Tests;

/// <summary>Template mistakes fail loudly, naming the file and the variable, never rendering empty strings.</summary>
public sealed class RenderErrorTests
{
    private const string Deployment = "{{site.repository_path}}/k8s/deployment.yaml";

    [Theory]
    [InlineData("name: {{ site.domian }}\n", "site.domian")]
    [InlineData("name: {{ nope }}\n", "nope")]
    [InlineData("name: {{ params.missing | upcase }}\n", "params.missing")]
    [InlineData("{% if ingress.tsl %}tls: 1{% endif %}\n", "ingress.tsl")]
    [InlineData("name: {{ site }}\n", "site")]
    public void An_unknown_variable_names_the_file_and_the_variable(string content, string variable)
    {
        using var catalog = new TempCatalog().Template("broken", Deployment, content);

        var error = Assert.Throws<PermanentIntegrationException>(() => Render(catalog, "broken"));

        Assert.Contains($"broken/files/{Deployment}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{variable}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_variable_in_a_file_path_names_the_file()
    {
        using var catalog = new TempCatalog().Template("broken", "{{site.repo_path}}/a.yaml", "a: 1\n");

        var error = Assert.Throws<PermanentIntegrationException>(() => Render(catalog, "broken"));

        Assert.Contains("broken/files/{{site.repo_path}}/a.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains("'site.repo_path'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_variable_in_a_build_parameter_names_the_manifest()
    {
        using var catalog = new TempCatalog()
            .Manifest("broken", extra: """, "build_parameters": { "APP_NAME": "{{ site.appname }}" }""")
            .Write("broken/files/{{site.repository_path}}/a.yaml", "a: 1\n");

        var error = Assert.Throws<PermanentIntegrationException>(() => Render(catalog, "broken"));

        Assert.Contains("broken/template.json (build_parameters.APP_NAME)", error.Message, StringComparison.Ordinal);
        Assert.Contains("'site.appname'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_variable_in_the_ingress_template_names_it()
    {
        using var catalog = new TempCatalog(withIngress: false)
            .Template("ok", "{{site.repository_path}}/a.yaml", "a: 1\n")
            .Write("ingress/ingress.yaml.liquid", "host: {{ site.host }}\n");

        var error = Assert.Throws<PermanentIntegrationException>(() =>
            Samples.Renderer(Samples.Settings(catalog.Root)).RenderIngress(Samples.Request("ok", AppType.Frontend)));

        Assert.Contains("ingress/ingress.yaml.liquid", error.Message, StringComparison.Ordinal);
        Assert.Contains("'site.host'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a: {{ site.domain | no_such_filter }}\n", "no_such_filter")]
    [InlineData("a: {{ site.domain | raw }}\n", "raw")]
    public void An_unknown_or_unescaping_filter_is_an_error(string content, string filter)
    {
        using var catalog = new TempCatalog().Template("broken", Deployment, content);

        var error = Assert.Throws<PermanentIntegrationException>(() => Render(catalog, "broken"));

        Assert.Contains($"broken/files/{Deployment}", error.Message, StringComparison.Ordinal);
        Assert.Contains(filter, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_liquid_syntax_error_names_the_file_when_the_catalog_loads()
    {
        using var catalog = new TempCatalog().Template("broken", Deployment, "a: {{ site.domain \n");

        var error = Assert.Throws<PermanentIntegrationException>(() => new Catalog.LocalTemplateCatalog(Samples.Library(Samples.Settings(catalog.Root))).List());

        Assert.Contains($"broken/files/{Deployment}", error.Message, StringComparison.Ordinal);
        Assert.Contains("not valid Liquid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_integer_filter_refuses_a_non_number_and_names_the_parameter()
    {
        using var catalog = new TempCatalog()
            .Manifest("broken", extra: """, "parameters": [{ "name": "replicas", "description": "", "default": "two" }]""")
            .Write($"broken/files/{Deployment}", "replicas: {{ params.replicas | integer }}\n");

        var error = Assert.Throws<PermanentIntegrationException>(() => Render(catalog, "broken"));

        Assert.Contains("'params.replicas'", error.Message, StringComparison.Ordinal);
        Assert.Contains("not a whole number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_path_outside_the_site_folder_is_refused()
    {
        using var catalog = new TempCatalog().Template("broken", ".github/workflows/x.yaml", "a: 1\n");

        var error = Assert.Throws<PermanentIntegrationException>(() => Render(catalog, "broken"));

        Assert.Contains("broken/files/.github/workflows/x.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains("not inside the site's folder 'sites/shop.example.com/'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_liquid_suffix_is_dropped_from_the_rendered_path()
    {
        using var catalog = new TempCatalog().Template("ok", "{{site.repository_path}}/values.yaml.liquid", "name: {{ site.app_name }}\n");

        var rendered = Render(catalog, "ok");

        var file = Assert.Single(rendered.Files);
        Assert.Equal("sites/shop.example.com/values.yaml", file.Path);
        Assert.Equal("name: shop-example-com\n", file.Content);
    }

    [Fact]
    public void An_unknown_template_or_the_wrong_app_type_is_a_permanent_error()
    {
        var renderer = Samples.Renderer();

        var unknown = Assert.Throws<PermanentIntegrationException>(() => renderer.RenderSite(Samples.Request("wordpress", AppType.Frontend)));
        var wrongType = Assert.Throws<PermanentIntegrationException>(() => renderer.RenderSite(Samples.Request("dotnet-api", AppType.Frontend)));

        Assert.Contains("\"wordpress\"", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("static-site", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("makes backend sites, not frontend", wrongType.Message, StringComparison.Ordinal);
    }

    private static Workflow.Integrations.Templates.RenderedSite Render(TempCatalog catalog, string templateId) =>
        Samples.Renderer(Samples.Settings(catalog.Root)).RenderSite(Samples.Request(templateId, AppType.Frontend));
}
