using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Provisioner.Workflow.Integrations.Ci;

namespace Provisioner.Jenkins.Jobs;

/// <summary>
/// The folder's and the site job's <c>config.xml</c>, built with LINQ to XML (values are text
/// nodes, so no value can add or change an element), and the comparison that decides whether an
/// existing job needs its config posted again. The comparison reads what Provisioner manages — the
/// Pipeline definition (git URL, credentials, branch, script path, lightweight checkout) and the
/// declared parameters — so Jenkins' own reformatting (XML 1.1 declaration, plugin attributes, added
/// defaults) is not a difference, and what administrators added to the job (other properties,
/// triggers, build discarders, extra parameters) is kept when it is updated.
/// </summary>
internal static partial class JobConfigXml
{
    public const string PipelineRoot = "flow-definition";
    private const string ParametersProperty = "hudson.model.ParametersDefinitionProperty";
    private const string StringParameter = "hudson.model.StringParameterDefinition";
    private const string ScmDefinition = "org.jenkinsci.plugins.workflow.cps.CpsScmFlowDefinition";
    private const string GitScm = "hudson.plugins.git.GitSCM";

    /// <summary>A folder that holds site jobs.</summary>
    public static XDocument Folder() => new(
        new XElement("com.cloudbees.hudson.plugins.folder.Folder",
            new XElement("description", "Pipeline jobs of the sites Provisioner creates; managed by Provisioner."),
            new XElement("properties"),
            new XElement("folderViews"),
            new XElement("healthMetrics")));

    /// <summary>The site's Pipeline job: its Jenkinsfile from the sites repository, every build parameter declared.</summary>
    public static XDocument Job(JobDefinition job) => new(
        new XElement(PipelineRoot,
            new XElement("actions"),
            new XElement("description", $"Builds and deploys {job.Domain}. Managed by Provisioner: its Pipeline definition and parameters are reset on each provision."),
            new XElement("keepDependencies", "false"),
            new XElement("properties", ParametersElement(job.ParameterNames)),
            Definition(job),
            new XElement("triggers"),
            new XElement("disabled", "false")));

    /// <summary>
    /// The config to post for an existing job, or null when it already builds what <paramref name="job"/>
    /// says: its definition replaced by ours, missing parameters added, everything else as it was.
    /// </summary>
    public static XDocument? Reconcile(XDocument existing, JobDefinition job)
    {
        var root = existing.Root!;
        var declared = DeclaredParameters(root);
        var missing = job.ParameterNames.Where(n => !declared.Contains(n)).ToList();
        var definitionMatches = DefinitionOf(root.Element("definition")) == DefinitionOf(Definition(job));
        if (definitionMatches && missing.Count == 0)
        {
            return null;
        }

        var updated = new XDocument(new XElement(root));
        var target = updated.Root!;
        if (!definitionMatches)
        {
            var definition = Definition(job);
            if (target.Element("definition") is { } old)
            {
                old.ReplaceWith(definition);
            }
            else
            {
                target.Add(definition);
            }
        }

        if (missing.Count > 0)
        {
            var properties = target.Element("properties") ?? AddProperties(target);
            var definitions = properties.Element(ParametersProperty)?.Element("parameterDefinitions");
            if (definitions is null)
            {
                properties.Add(ParametersElement(missing));
            }
            else
            {
                definitions.Add(missing.Select(ParameterElement));
            }
        }

        return updated;
    }

    /// <summary>Parses Jenkins' config.xml, which it declares as XML 1.1 (it may hold control characters XML 1.0 refuses).</summary>
    public static XDocument Parse(string text)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, CheckCharacters = false };
        using var reader = XmlReader.Create(new StringReader(Xml11Declaration().Replace(text, "${1}1.0${2}", 1)), settings);
        return XDocument.Load(reader);
    }

    /// <summary>The text to post, with a declaration; carriage returns are written as <c>&amp;#xD;</c> so that values come back exactly.</summary>
    public static string Serialize(XDocument document)
    {
        var text = new StringBuilder("<?xml version='1.0' encoding='UTF-8'?>\n");
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true, Indent = true, NewLineChars = "\n", NewLineHandling = NewLineHandling.Entitize }))
        {
            document.Root!.WriteTo(writer);
        }

        return text.ToString();
    }

    private static XElement Definition(JobDefinition job)
    {
        var remote = new XElement("hudson.plugins.git.UserRemoteConfig", new XElement("url", job.CloneUrl));
        if (job.CredentialsId is { Length: > 0 } credentials)
        {
            remote.Add(new XElement("credentialsId", credentials));
        }

        return new XElement("definition",
            new XAttribute("class", ScmDefinition),
            new XElement("scm",
                new XAttribute("class", GitScm),
                new XElement("configVersion", "2"),
                new XElement("userRemoteConfigs", remote),
                new XElement("branches", new XElement("hudson.plugins.git.BranchSpec", new XElement("name", "*/" + job.Branch))),
                new XElement("doGenerateSubmoduleConfigurations", "false"),
                new XElement("submoduleCfg", new XAttribute("class", "empty-list")),
                new XElement("extensions")),
            new XElement("scriptPath", job.ScriptPath),
            new XElement("lightweight", "true"));
    }

    private static XElement ParametersElement(IEnumerable<string> names) =>
        new(ParametersProperty, new XElement("parameterDefinitions", names.Select(ParameterElement)));

    private static XElement ParameterElement(string name) => new(StringParameter,
        new XElement("name", name),
        new XElement("description", "Set by Provisioner for each build."),
        new XElement("defaultValue", string.Empty),
        new XElement("trim", "false"));

    private static XElement AddProperties(XElement root)
    {
        var properties = new XElement("properties");
        root.Add(properties);
        return properties;
    }

    private static HashSet<string> DeclaredParameters(XElement root) =>
        root.Element("properties")?.Element(ParametersProperty)?.Element("parameterDefinitions")?.Elements()
            .Select(d => d.Element("name")?.Value).OfType<string>().ToHashSet(StringComparer.Ordinal) ?? [];

    /// <summary>What a definition element builds, ignoring formatting and plugin attributes.</summary>
    private static ManagedDefinition? DefinitionOf(XElement? definition)
    {
        if (definition is null)
        {
            return null;
        }

        var scm = definition.Element("scm");
        var remote = scm?.Element("userRemoteConfigs")?.Elements().FirstOrDefault();
        return new ManagedDefinition(
            definition.Attribute("class")?.Value,
            scm?.Attribute("class")?.Value,
            scm?.Element("userRemoteConfigs")?.Elements().Count() ?? 0,
            remote?.Element("url")?.Value,
            remote?.Element("credentialsId")?.Value is { Length: > 0 } id ? id : null,
            string.Join('\n', scm?.Element("branches")?.Elements().Select(b => b.Element("name")?.Value) ?? []),
            definition.Element("scriptPath")?.Value,
            definition.Element("lightweight")?.Value == "true");
    }

    private sealed record ManagedDefinition(string? Class, string? ScmClass, int Remotes, string? Url, string? CredentialsId, string Branches, string? ScriptPath, bool Lightweight);

    [GeneratedRegex(@"^(\s*<\?xml\s+version\s*=\s*['""])1\.1(['""])")]
    private static partial Regex Xml11Declaration();
}

/// <summary>What the site's job must build.</summary>
/// <param name="Domain">The site's domain, for the description.</param>
/// <param name="CloneUrl">The sites repository.</param>
/// <param name="Branch">The branch to build.</param>
/// <param name="ScriptPath">The Jenkinsfile's path in the repository.</param>
/// <param name="CredentialsId">The Jenkins credential to clone with, if any.</param>
/// <param name="ParameterNames">Every parameter builds get; <see cref="BuildParameterNames.ProvisionId"/> always among them.</param>
internal sealed record JobDefinition(string Domain, string CloneUrl, string Branch, string ScriptPath, string? CredentialsId, IReadOnlyList<string> ParameterNames)
{
    public static JobDefinition For(BuildJobSpec spec, string? credentialsId) => new(
        spec.Site.Domain,
        spec.Repository.CloneUrl,
        spec.Repository.Branch,
        spec.ScriptPath,
        string.IsNullOrWhiteSpace(credentialsId) ? null : credentialsId.Trim(),
        [.. spec.ParameterNames.Append(BuildParameterNames.ProvisionId).Append(BuildParameterNames.GitCommit).Distinct(StringComparer.Ordinal)]);

    /// <summary>
    /// Why this definition cannot become a job, or null. XML escaping keeps every value from changing
    /// the config's structure; these are what escaping cannot fix: characters XML cannot carry at all,
    /// empty names, and <c>${…}</c> in the branch, which the git plugin expands from build parameters.
    /// </summary>
    public string? Problem()
    {
        foreach (var (what, value) in new[] { ("clone URL", CloneUrl), ("branch", Branch), ("Jenkinsfile path", ScriptPath), ("credentials id", CredentialsId ?? string.Empty) }
                     .Concat(ParameterNames.Select(n => ("parameter name", n))))
        {
            if (!IsXmlText(value))
            {
                return $"The {what} holds characters an XML config cannot carry.";
            }
        }

        if (CloneUrl.Length == 0 || Branch.Length == 0 || ScriptPath.Length == 0 || ParameterNames.Any(n => n.Trim().Length == 0))
        {
            return "The clone URL, branch, Jenkinsfile path and parameter names must not be empty.";
        }

        return Branch.Contains("${", StringComparison.Ordinal)
            ? $"The branch '{Branch}' holds '${{', which Jenkins' git plugin would expand from build parameters."
            : null;
    }

    private static bool IsXmlText(string value)
    {
        try
        {
            XmlConvert.VerifyXmlChars(value);
            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }
}
