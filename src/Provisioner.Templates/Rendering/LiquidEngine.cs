using System.Globalization;
using System.Text.Json;
using Fluid;
using Fluid.Values;
using Provisioner.Templates.Rendering.Encoding;
using Provisioner.Workflow.Integrations;

namespace Provisioner.Templates.Rendering;

/// <summary>
/// The one Liquid parser and options all templates share. Strict: an unknown variable, member or
/// filter is an error, and <c>raw</c> is removed so no output escapes its file's encoder.
/// </summary>
internal static class LiquidEngine
{
    private const int MaxStepsPerFile = 100_000;

    private static readonly FluidParser Parser = new();

    public static TemplateOptions Options { get; } = CreateOptions();

    /// <summary>Parses a template once; a syntax error names the file.</summary>
    public static IFluidTemplate Parse(string source, string fileLabel)
    {
        if (Parser.TryParse(source, out var template, out var error))
        {
            return template;
        }

        throw new PermanentIntegrationException($"Template file '{fileLabel}' is not valid Liquid: {OneLine(error)}. Fix the template and redeploy.");
    }

    /// <summary>Renders one file; every failure names the file and, when known, the variable.</summary>
    public static string Render(IFluidTemplate template, string fileLabel, ValueEncoder encoder, TemplateModel model)
    {
        var context = model.NewContext(Options);
        context.MaxSteps = MaxStepsPerFile;
        try
        {
            return template.Render(context, encoder);
        }
        catch (UndefinedVariableException e)
        {
            throw new PermanentIntegrationException(
                $"Template file '{fileLabel}': {e.Message} Fix the template.", e);
        }
        catch (UnsafeValueException e)
        {
            var variable = model.NameOf(e.Value) is { } name ? $"variable '{name}'" : "an output expression";
            throw new PermanentIntegrationException(
                $"Template file '{fileLabel}': the value of {variable} ({Quote(e.Value)}) cannot be written safely into {e.Format}: {e.Message}.", e);
        }
        catch (Exception e) when (e is FluidException or InvalidOperationException or ArgumentException or FormatException)
        {
            throw new PermanentIntegrationException($"Template file '{fileLabel}' failed to render: {OneLine(e.Message)}. Fix the template.", e);
        }
    }

    /// <summary>A library message on one line without its final period, to embed in ours.</summary>
    internal static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).TrimEnd('.');

    /// <summary>A value as a short JSON string, so hostile line breaks or quotes cannot garble the message.</summary>
    internal static string Quote(string value) =>
        JsonSerializer.Serialize(value.Length > 80 ? value[..80] + "…" : value);

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions
        {
            StrictFilters = true,
            ModelNamesComparer = StringComparer.Ordinal,
            CultureInfo = CultureInfo.InvariantCulture,
            Undefined = name => throw new UndefinedVariableException(name),
        };
        options.Filters.Remove("raw");
        options.Filters.AddFilter("integer", Integer);
        return options;
    }

    /// <summary>
    /// <c>{{ params.replicas | integer }}</c>: a whole number written bare (not quoted by the file's
    /// encoder), so YAML and JSON see a number. Anything but an integer is refused.
    /// </summary>
    private static ValueTask<FluidValue> Integer(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        var text = input.ToStringValue();
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            throw new UnsafeValueException(text, "an integer", "it is not a whole number");
        }

        return new ValueTask<FluidValue>(new StringValue(number.ToString(CultureInfo.InvariantCulture), encode: false));
    }
}
