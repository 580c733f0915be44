using System.Text;
using Provisioner.Sandbox.Registry;

namespace Provisioner.Sandbox.Builds;

/// <summary>One instruction of a Dockerfile, its line continuations joined.</summary>
/// <param name="Keyword">The instruction, upper case (<c>FROM</c>, <c>COPY</c>…).</param>
/// <param name="Arguments">What follows it.</param>
internal sealed record DockerInstruction(string Keyword, string Arguments)
{
    /// <summary>As written, on one line.</summary>
    public override string ToString() => $"{Keyword} {Arguments}";
}

/// <summary>A file copied from the build context (<c>COPY</c> or <c>ADD</c> without <c>--from</c>).</summary>
/// <param name="Sources">The paths in the context.</param>
/// <param name="Destination">Where they go in the image.</param>
/// <param name="FinalStage">True when the copy is in the stage that becomes the image.</param>
internal sealed record ContextCopy(IReadOnlyList<string> Sources, string Destination, bool FinalStage);

/// <summary>
/// What the sandbox reads of a Dockerfile: its instructions (printed as the build's steps), the files
/// it takes from the build context (which must exist) and, from the final stage's base image, what
/// the image serves.
/// </summary>
internal sealed class Dockerfile
{
    private const string NginxWebRoot = "/usr/share/nginx/html";

    private Dockerfile(IReadOnlyList<DockerInstruction> instructions) => Instructions = instructions;

    /// <summary>Every instruction, in order.</summary>
    public IReadOnlyList<DockerInstruction> Instructions { get; }

    /// <summary>The image the final stage is built on, e.g. <c>nginxinc/nginx-unprivileged:1.27-alpine</c>.</summary>
    public string? FinalBaseImage => Instructions.LastOrDefault(i => i.Keyword == "FROM")?.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));

    /// <summary>The files taken from the build context.</summary>
    public IEnumerable<ContextCopy> ContextCopies
    {
        get
        {
            var lastFrom = Instructions.ToList().FindLastIndex(i => i.Keyword == "FROM");
            for (var index = 0; index < Instructions.Count; index++)
            {
                var instruction = Instructions[index];
                if (instruction.Keyword is not ("COPY" or "ADD"))
                {
                    continue;
                }

                var words = instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words.Any(w => w.StartsWith("--from", StringComparison.Ordinal)))
                {
                    continue;
                }

                var paths = words.Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
                if (paths.Count >= 2)
                {
                    yield return new ContextCopy(paths[..^1], paths[^1], index > lastFrom);
                }
            }
        }
    }

    /// <summary>Reads a Dockerfile's instructions (comments and blank lines skipped, <c>\</c> continuations joined).</summary>
    public static Dockerfile Parse(string text)
    {
        var instructions = new List<DockerInstruction>();
        var pending = new StringBuilder();
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.Trim();
            if (pending.Length == 0 && (line.Length == 0 || line.StartsWith('#')))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending.Append(line[..^1].TrimEnd()).Append(' ');
                continue;
            }

            pending.Append(line);
            var joined = pending.ToString().Trim();
            pending.Clear();
            var space = joined.IndexOf(' ', StringComparison.Ordinal);
            instructions.Add(space < 0
                ? new DockerInstruction(joined.ToUpperInvariant(), string.Empty)
                : new DockerInstruction(joined[..space].ToUpperInvariant(), joined[(space + 1)..].Trim()));
        }

        return new Dockerfile(instructions);
    }

    /// <summary>What an image built from this Dockerfile, with <paramref name="contextPath"/> as its context, serves.</summary>
    public SiteApp App(string contextPath)
    {
        var baseImage = FinalBaseImage ?? string.Empty;
        if (baseImage.Contains("nginx", StringComparison.OrdinalIgnoreCase))
        {
            var webRoot = ContextCopies.FirstOrDefault(c => c.FinalStage && c.Destination.TrimEnd('/') == NginxWebRoot);
            return webRoot is null
                ? new UnrecognizedApp($"the nginx image copies no folder to {NginxWebRoot}, so it would serve nginx's own page")
                : new StaticSiteApp(InContext(contextPath, webRoot.Sources[0]));
        }

        if (baseImage.Contains("dotnet/aspnet", StringComparison.OrdinalIgnoreCase))
        {
            var project = ContextCopies.SelectMany(c => c.Sources).FirstOrDefault(s => s.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase));
            return project is null
                ? new UnrecognizedApp("the ASP.NET image copies no project file from the build context")
                : new AspNetApp(InContext(contextPath, Path.GetDirectoryName(project)?.Replace('\\', '/') ?? string.Empty));
        }

        return new UnrecognizedApp($"the sandbox runs nginx static sites and ASP.NET Core apps; this image is built on '{baseImage}'");
    }

    /// <summary>A path of the build context as a path of the repository (<c>site/</c> in <c>sites/a.com</c> is <c>sites/a.com/site</c>).</summary>
    public static string InContext(string contextPath, string path)
    {
        var relative = path.Replace('\\', '/');
        while (relative.StartsWith("./", StringComparison.Ordinal))
        {
            relative = relative[2..];
        }

        relative = relative == "." ? string.Empty : relative.Trim('/');
        return relative.Length == 0 ? contextPath.TrimEnd('/') : $"{contextPath.TrimEnd('/')}/{relative}";
    }
}
