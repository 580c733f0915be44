using System.Text;

namespace Provisioner.Templates.Benchmarks;

/// <summary>Writes a catalog with one template of <c>fileCount</c> files of mixed formats, each using many variables.</summary>
internal static class GeneratedTemplate
{
    public const string Id = "bench";

    private static readonly string[] Kinds = ["yaml", "html", "json", "cs", "Jenkinsfile", "Dockerfile", "csproj"];

    public static void Write(string root, int fileCount)
    {
        Directory.CreateDirectory(Path.Combine(root, "ingress"));
        File.WriteAllText(Path.Combine(root, "ingress", "ingress.yaml.liquid"), "kind: Ingress\nmetadata:\n  name: {{ site.app_name }}\n");

        var folder = Path.Combine(root, Id);
        Directory.CreateDirectory(Path.Combine(folder, "files"));
        File.WriteAllText(Path.Combine(folder, "template.json"), """
            {
              "id": "bench", "name": "Benchmark", "app_type": "frontend", "description": "Generated.",
              "parameters": [
                { "name": "title", "description": "", "default": "Benchmark <site> & \"friends\"" },
                { "name": "replicas", "description": "", "default": "3" }
              ],
              "build_parameters": { "APP_NAME": "{{ site.app_name }}", "IMAGE": "{{ image.repository }}" }
            }
            """);

        for (var i = 0; i < fileCount; i++)
        {
            var kind = Kinds[i % Kinds.Length];
            var name = kind switch
            {
                "Jenkinsfile" or "Dockerfile" => "{{site.repository_path}}/part" + i + "/" + kind,
                _ => "{{site.repository_path}}/part" + i + "/file" + i + "." + kind,
            };
            var path = Path.Combine(folder, "files", name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, Content(kind, i));
        }
    }

    private static string Block(string kind) => kind switch
    {
        "yaml" => """
            item@B@:
              name: {{ site.app_name | append: "-@B@" }}
              namespace: {{ site.namespace }}
              domain: {{ site.domain }}
              title: {{ params.title }}
              replicas: {{ params.replicas | integer }}
            {% if ingress.tls %}  issuer: {{ ingress.cluster_issuer }}
            {% endif %}

            """,
        "html" => """
            <section id="s@B@"><h2>{{ params.title }}</h2><p>{{ site.domain }} in {{ site.namespace }}</p>
            <a href="https://{{ site.domain }}/@B@">{{ site.app_name | upcase }}</a></section>

            """,
        "json" => """
            "k@B@": { "domain": {{ site.domain }}, "title": {{ params.title }}, "n": {{ params.replicas | integer }} },

            """,
        "cs" => """
            public const string Domain@B@ = {{ site.domain }}; // {{ site.app_name | size }}

            """,
        "Jenkinsfile" => """
            string(name: 'P@B@', defaultValue: {{ site.app_name }}, description: {{ params.title }})

            """,
        "Dockerfile" => """
            LABEL b@B@={{ site.domain }} t@B@={{ params.title }}

            """,
        _ => """
            <P@B@ Domain="{{ site.domain }}">{{ params.title }} {{ site.repository_path }}</P@B@>

            """,
    };

    private static string Content(string kind, int index)
    {
        var body = new StringBuilder();
        for (var block = 0; block < 8; block++)
        {
            body.Append(Block(kind).Replace("@B@", block.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        return kind switch
        {
            "json" => "{\n" + body + "\"file\": " + index + "\n}\n",
            "csproj" => "<Project>\n" + body + "</Project>\n",
            _ => body.ToString(),
        };
    }
}
