using System.Collections;
using System.Text.Json;

namespace Provisioner.Simulators.Jenkins.Api;

/// <summary>Writes exported objects as Jenkins' <c>api/json</c> does, through a <see cref="TreePruner"/>.</summary>
internal static class ExportedJson
{
    public static byte[] Serialize(ExportedObject root, TreePruner pruner)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteObject(writer, root, pruner);
        }

        return buffer.ToArray();
    }

    private static void WriteObject(Utf8JsonWriter writer, ExportedObject value, TreePruner pruner)
    {
        writer.WriteStartObject();
        if (value.ClassName is not null)
        {
            writer.WriteString("_class", value.ClassName);
        }

        foreach (var property in value.Properties)
        {
            if (pruner.Accept(property) is { } child)
            {
                writer.WritePropertyName(property.Name);
                WriteValue(writer, property.Value(), child);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value, TreePruner pruner)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case double number:
                writer.WriteNumberValue(number);
                break;
            case ExportedObject exported:
                WriteObject(writer, exported, pruner);
                break;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (var item in pruner.Range.Apply(items.Cast<object?>()))
                {
                    WriteValue(writer, item, pruner);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new InvalidOperationException($"Cannot export a {value.GetType().Name}.");
        }
    }
}
