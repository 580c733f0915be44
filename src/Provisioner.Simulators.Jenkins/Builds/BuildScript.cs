namespace Provisioner.Simulators.Jenkins.Builds;

/// <summary>How a scripted build goes: how long it waits in the queue, how long it runs, how it ends and what it prints.</summary>
public sealed record BuildScript
{
    /// <summary>How long the item waits for an executor after its quiet period.</summary>
    public TimeSpan QueueWait { get; init; }

    /// <summary>How long the build runs.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How it ends.</summary>
    public BuildResult Result { get; init; } = BuildResult.Success;

    /// <summary>The lines it writes to its console, between Jenkins' own first and last lines.</summary>
    public IReadOnlyList<string> ConsoleLines { get; init; } = ["[Pipeline] echo", "Building the site", "[Pipeline] }"];
}

/// <summary>
/// Which <see cref="BuildScript"/> a build follows: the last rule added for one of its parameter
/// values, else the last one added for its job, else <see cref="Default"/>. Changes apply to items
/// queued afterwards.
/// </summary>
public sealed class BuildScripts
{
    private readonly Lock sync = new();
    private readonly List<(string? Job, string? Parameter, string? Value, BuildScript Script)> rules = [];

    /// <summary>The script of builds no rule matches.</summary>
    public BuildScript Default { get; set; } = new();

    /// <summary>Builds of the job with this full name (e.g. <c>provisioned-sites/shop-example-com</c>) follow <paramref name="script"/>.</summary>
    public BuildScripts ForJob(string jobFullName, BuildScript script) => Add(jobFullName, null, null, script);

    /// <summary>Builds whose parameter <paramref name="name"/> has <paramref name="value"/> follow <paramref name="script"/>, whatever their job.</summary>
    public BuildScripts ForParameter(string name, string value, BuildScript script) => Add(null, name, value, script);

    /// <summary>Forgets every rule (the default stays).</summary>
    public void Clear()
    {
        lock (sync)
        {
            rules.Clear();
        }
    }

    internal BuildScript Resolve(string jobFullName, IReadOnlyDictionary<string, string> parameters)
    {
        lock (sync)
        {
            for (var i = rules.Count - 1; i >= 0; i--)
            {
                var rule = rules[i];
                if (rule.Parameter is not null && parameters.TryGetValue(rule.Parameter, out var value) && value == rule.Value)
                {
                    return rule.Script;
                }
            }

            for (var i = rules.Count - 1; i >= 0; i--)
            {
                if (rules[i].Job is { } job && string.Equals(job, jobFullName, StringComparison.OrdinalIgnoreCase))
                {
                    return rules[i].Script;
                }
            }

            return Default;
        }
    }

    private BuildScripts Add(string? job, string? parameter, string? value, BuildScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        lock (sync)
        {
            rules.Add((job, parameter, value, script));
        }

        return this;
    }
}
