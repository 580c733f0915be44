using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Provisioner.Simulators.Jenkins.Model;

/// <summary>
/// Reads a posted <c>config.xml</c> and writes it back as Jenkins does after its XStream round trip:
/// an XML 1.1 declaration with single quotes, plugin attributes on the elements plugins own, and
/// <c>&lt;actions/&gt;</c> on items — so a client that compares text instead of meaning sees a difference.
/// </summary>
internal static partial class ConfigXml
{
    public const string FolderElement = "com.cloudbees.hudson.plugins.folder.Folder";
    public const string PipelineElement = "flow-definition";
    public const string FreeStyleElement = "project";

    private static readonly Dictionary<string, string> RootPlugins = new(StringComparer.Ordinal)
    {
        [FolderElement] = "cloudbees-folder@6.999.v42253c105443",
        [PipelineElement] = "workflow-job@1505.vea_4b_20a_4a_495",
    };

    private static readonly Dictionary<string, string> ClassPlugins = new(StringComparer.Ordinal)
    {
        ["org.jenkinsci.plugins.workflow.cps.CpsScmFlowDefinition"] = "workflow-cps@4106.v7a_8a_8176d450",
        ["org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition"] = "workflow-cps@4106.v7a_8a_8176d450",
        ["hudson.plugins.git.GitSCM"] = "git@5.7.0",
    };

    /// <summary>Parses a body; XML 1.1 declarations (what Jenkins itself writes) are accepted, DTDs are not.</summary>
    public static XDocument Parse(string text)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, CheckCharacters = false };
        using var reader = XmlReader.Create(new StringReader(Xml11Declaration().Replace(text, "${1}1.0${2}", 1)), settings);
        return XDocument.Load(reader);
    }

    /// <summary>The kind of item a config's root element makes, or null for types the simulator does not know.</summary>
    public static ItemKind? KindOf(XDocument document) => document.Root?.Name.LocalName switch
    {
        FolderElement => ItemKind.Folder,
        PipelineElement => ItemKind.Pipeline,
        FreeStyleElement => ItemKind.FreeStyle,
        _ => null,
    };

    /// <summary>The text Jenkins would serve from <c>GET config.xml</c> for this document.</summary>
    public static string Normalize(XDocument document)
    {
        var root = new XElement(document.Root!);
        if (RootPlugins.TryGetValue(root.Name.LocalName, out var plugin) && root.Attribute("plugin") is null)
        {
            root.SetAttributeValue("plugin", plugin);
        }

        foreach (var element in root.Descendants())
        {
            if (element.Attribute("class")?.Value is { } type && ClassPlugins.TryGetValue(type, out var owner) && element.Attribute("plugin") is null)
            {
                element.SetAttributeValue("plugin", owner);
            }
        }

        if (root.Element("actions") is null)
        {
            root.AddFirst(new XElement("actions"));
        }

        var text = new StringBuilder("<?xml version='1.1' encoding='UTF-8'?>\n");
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true, Indent = true, IndentChars = "  ", NewLineChars = "\n", NewLineHandling = NewLineHandling.Entitize, CheckCharacters = false }))
        {
            root.WriteTo(writer);
        }

        return text.ToString();
    }

    /// <summary>What a job's config says, for running it and for the API.</summary>
    public static JobConfiguration ReadJob(XDocument document, ItemKind kind)
    {
        var root = document.Root!;
        var parameters = root.Element("properties")?.Element("hudson.model.ParametersDefinitionProperty")?.Element("parameterDefinitions")?.Elements()
            .Where(d => !string.IsNullOrEmpty(d.Element("name")?.Value))
            .Select(d => new JobParameterDefinition(
                d.Element("name")!.Value,
                d.Name.LocalName[(d.Name.LocalName.LastIndexOf('.') + 1)..],
                DefaultOf(d),
                d.Element("description")?.Value,
                string.Equals(d.Element("trim")?.Value, "true", StringComparison.Ordinal)))
            .ToList() ?? [];
        var definition = root.Element("definition");
        var scm = definition?.Element("scm");
        var remote = scm?.Element("userRemoteConfigs")?.Elements().FirstOrDefault();
        return new JobConfiguration(
            kind,
            root.Element("description")?.Value,
            string.Equals(root.Element("disabled")?.Value, "true", StringComparison.Ordinal),
            parameters,
            remote?.Element("url")?.Value,
            remote?.Element("credentialsId")?.Value,
            scm?.Element("branches")?.Elements().FirstOrDefault()?.Element("name")?.Value,
            definition?.Element("scriptPath")?.Value,
            string.Equals(definition?.Element("lightweight")?.Value, "true", StringComparison.Ordinal),
            definition?.Element("script")?.Value);
    }

    private static string DefaultOf(XElement definition) =>
        definition.Element("defaultValue")?.Value
        ?? definition.Element("choices")?.Descendants("string").FirstOrDefault()?.Value
        ?? string.Empty;

    [GeneratedRegex(@"^(\s*<\?xml\s+version\s*=\s*['""])1\.1(['""])")]
    private static partial Regex Xml11Declaration();
}
