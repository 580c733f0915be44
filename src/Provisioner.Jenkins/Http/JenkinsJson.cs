using System.Text.Json;
using System.Text.Json.Serialization;

namespace Provisioner.Jenkins.Http;

/// <summary>The parts of Jenkins' <c>api/json</c> answers the client reads (it asks for them with <c>?tree=</c>).</summary>
internal static class JenkinsJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}

internal sealed record CrumbJson(string? CrumbRequestField, string? Crumb);

/// <summary>An item: a folder has <c>jobs</c>, a job does not.</summary>
internal sealed record ItemJson([property: JsonPropertyName("_class")] string? Class, string? Name, List<JsonElement>? Jobs);

internal sealed record QueueJson(List<QueueItemJson>? Items);

internal sealed record QueueItemJson(long Id, string? Why, bool Cancelled, TaskJson? Task, RunJson? Executable, List<ActionJson?>? Actions);

internal sealed record TaskJson(string? Name, string? Url);

internal sealed record JobBuildsJson(List<RunJson>? Builds);

internal sealed record RunJson(int Number, string? Url, bool Building, string? Result, long QueueId, List<ActionJson?>? Actions);

/// <summary>An action; only <c>ParametersAction</c> has <c>parameters</c>.</summary>
internal sealed record ActionJson(List<ParameterJson>? Parameters);

internal sealed record ParameterJson(string? Name, JsonElement Value)
{
    public string? Text => Value.ValueKind switch
    {
        JsonValueKind.String => Value.GetString(),
        JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number => Value.GetRawText(),
        _ => null,
    };
}

internal static class ActionJsonExtensions
{
    /// <summary>The value of a build parameter among a queue item's or build's actions.</summary>
    public static string? Parameter(this IEnumerable<ActionJson?>? actions, string name) =>
        actions?.Where(a => a?.Parameters is not null).SelectMany(a => a!.Parameters!).FirstOrDefault(p => p.Name == name)?.Text;
}
