using System.Reflection;
using Provisioner.Workflow.Hosting;

namespace Provisioner.Infra.Tests;

/// <summary>The const string fields of <see cref="SettingNames"/>, found by reflection.</summary>
internal static class SettingNameSource
{
    public static IReadOnlyList<string> All { get; } = typeof(SettingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral && field.FieldType == typeof(string))
        .Select(field => (string)field.GetRawConstantValue()!)
        .ToList();

    public static TheoryData<string> Theory()
    {
        var data = new TheoryData<string>();
        foreach (var name in All)
        {
            data.Add(name);
        }

        return data;
    }
}
