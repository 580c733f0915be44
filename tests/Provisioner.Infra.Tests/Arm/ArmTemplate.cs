using System.Text.Json.Nodes;

namespace Provisioner.Infra.Tests.Arm;

/// <summary>A compiled ARM template, with its modules (nested deployments) inlined.</summary>
internal sealed class ArmTemplate(JsonObject root)
{
    public JsonObject Root { get; } = root;

    /// <summary>Every resource in this template and, recursively, in its modules.</summary>
    public IEnumerable<JsonObject> AllResources() => ResourcesOf(Root);

    public IReadOnlyList<JsonObject> ResourcesOfType(string type) =>
        AllResources().Where(resource => (string?)resource["type"] == type).ToList();

    public JsonObject SingleResource(string type) => Assert.Single(ResourcesOfType(type));

    /// <summary>The module deployment named <paramref name="name"/> in this template.</summary>
    public JsonObject Module(string name) =>
        Assert.Single(ResourcesOf(Root, recurse: false), resource =>
            (string?)resource["type"] == "Microsoft.Resources/deployments" && (string?)resource["name"] == name);

    public static ArmTemplate ModuleTemplate(JsonObject module) =>
        new(module["properties"]!["template"]!.AsObject());

    private static IEnumerable<JsonObject> ResourcesOf(JsonObject template, bool recurse = true)
    {
        // languageVersion 2.0 templates keep resources in an object keyed by symbolic name.
        var resources = template["resources"] switch
        {
            JsonArray array => array.Select(node => node!.AsObject()),
            JsonObject map => map.Select(pair => pair.Value!.AsObject()),
            _ => [],
        };
        foreach (var resource in resources)
        {
            yield return resource;
            if (recurse && (string?)resource["type"] == "Microsoft.Resources/deployments"
                && resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in ResourcesOf(nested))
                {
                    yield return inner;
                }
            }
        }
    }
}
