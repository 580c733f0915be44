using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Provisioner.Workflow.Validation;

namespace Provisioner.Api;

/// <summary>
/// Reads a provision request body (<c>{"domain", "app_type", "template_id"}</c>) strictly, the one way
/// <c>POST /api/provisions</c> and the preview both read it, and reports every problem at once: a
/// body that is not a JSON object, unknown or repeated fields, fields that are missing, not
/// strings, empty or not valid Unicode; then the values, through <see cref="ProvisionRequestValidator"/>.
/// </summary>
internal static class ProvisionRequestBody
{
    private const int MaxUnknownFieldsListed = 10;
    private static readonly JsonDocumentOptions Json = new() { MaxDepth = 16 };

    /// <summary>The valid request, or the problem to send instead (415, 413, 408, 400).</summary>
    public static async Task<(ProvisionRequest? Request, ProblemHttpResult? Problem)> ReadAsync(
        HttpRequest request, ProvisionRequestValidator validator, CancellationToken cancellationToken)
    {
        if (RequestBody.RequireJson(request) is { } notJson)
        {
            return (null, notJson);
        }

        var (body, unreadable) = await RequestBody.ReadAsync(request, ApiBodyLimits.ProvisionRequest, cancellationToken);
        if (body is null)
        {
            return (null, unreadable);
        }

        var (provision, errors) = Read(body, validator);
        return provision is null ? (null, Problems.Invalid(errors)) : (provision, null);
    }

    /// <summary>The request, or the errors (one per bad field, in field order).</summary>
    public static (ProvisionRequest? Request, IReadOnlyList<FieldError> Errors) Read(ReadOnlyMemory<byte> body, ProvisionRequestValidator validator)
    {
        var (draft, readErrors) = ReadFields(WithoutByteOrderMark(body), validator);
        if (draft is null)
        {
            return (null, readErrors);
        }

        var (request, valueErrors) = validator.Validate(draft);
        var errors = readErrors.Concat(valueErrors).OrderBy(e => FieldOrder(e.Field)).ToList();
        return (errors.Count == 0 ? request : null, errors);
    }

    private static (ProvisionRequestDraft? Draft, List<FieldError> Errors) ReadFields(ReadOnlyMemory<byte> body, ProvisionRequestValidator validator)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, Json);
        }
        catch (JsonException ex)
        {
            return (null, [new FieldError("body", $"The body is not valid JSON ({ex.Message.Split(" Path:")[0]})",
                "Send a JSON object: {\"domain\": \"shop.example.com\", \"app_type\": \"frontend\", \"template_id\": \"static-site\"}.")]);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, [new FieldError("body", $"The body is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object.",
                    "Send a JSON object with domain, app_type and template_id.")]);
            }

            var errors = new List<FieldError>();
            var values = ReadProperties(root, errors);
            var draft = new ProvisionRequestDraft(
                ReadString(values, ProvisionRequestFields.Domain, validator, errors),
                ReadString(values, ProvisionRequestFields.AppType, validator, errors),
                ReadString(values, ProvisionRequestFields.TemplateId, validator, errors));
            return (draft, errors);
        }
    }

    /// <summary>The known fields' values, each at most once; unknown, repeated and unreadable names become errors.</summary>
    private static Dictionary<string, JsonElement?> ReadProperties(JsonElement root, List<FieldError> errors)
    {
        var values = new Dictionary<string, JsonElement?>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var repeated = new HashSet<string>(StringComparer.Ordinal);
        var unknown = 0;
        foreach (var property in root.EnumerateObject())
        {
            string name;
            try
            {
                name = property.Name;
            }
            catch (InvalidOperationException)
            {
                errors.Add(new FieldError("body", "A field name is not valid Unicode text (invalid UTF-8 or an unpaired surrogate).", FixForText));
                continue;
            }

            if (!seen.Add(name))
            {
                if (repeated.Add(name))
                {
                    errors.Add(new FieldError(ClientText.Shorten(name), $"Field '{ClientText.Shorten(name)}' appears more than once.", "Send each field once; a repeated field is not read."));
                }

                if (values.ContainsKey(name))
                {
                    values[name] = null;
                }

                continue;
            }

            if (ProvisionRequestValidator.Fields.Contains(name))
            {
                values[name] = property.Value;
            }
            else if (++unknown <= MaxUnknownFieldsListed)
            {
                errors.Add(new FieldError(ClientText.Shorten(name), $"Unknown field '{ClientText.Shorten(name)}'.",
                    $"Remove it; the fields are {string.Join(", ", ProvisionRequestValidator.Fields)} (snake_case)."));
            }
        }

        if (unknown > MaxUnknownFieldsListed)
        {
            errors.Add(new FieldError("body", $"{unknown - MaxUnknownFieldsListed} more unknown fields are not listed.",
                $"Send only {string.Join(", ", ProvisionRequestValidator.Fields)}."));
        }

        return values;
    }

    /// <summary>A known field's text, or null (with its error) when it is missing, repeated, not a string, not valid Unicode or empty.</summary>
    private static string? ReadString(Dictionary<string, JsonElement?> values, string field, ProvisionRequestValidator validator, List<FieldError> errors)
    {
        if (!values.TryGetValue(field, out var element))
        {
            errors.Add(new FieldError(field, $"{field} is required.", validator.FixFor(field)));
            return null;
        }

        if (element is not { } value)
        {
            return null; // repeated: already reported
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new FieldError(field, $"{field} is required.", validator.FixFor(field)));
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new FieldError(field, $"{field} must be a string, not a {value.ValueKind.ToString().ToLowerInvariant()}.", validator.FixFor(field)));
            return null;
        }

        string text;
        try
        {
            text = value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            errors.Add(new FieldError(field, $"{field} is not valid Unicode text (invalid UTF-8 or an unpaired surrogate).", FixForText));
            return null;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new FieldError(field, $"{field} is empty.", validator.FixFor(field)));
            return null;
        }

        return text;
    }

    private const string FixForText = "Send UTF-8 text; a \\u escape must be a whole character (a surrogate pair, never half of one).";

    /// <summary>A UTF-8 byte order mark is allowed before the JSON (RFC 8259 lets parsers ignore it).</summary>
    private static ReadOnlyMemory<byte> WithoutByteOrderMark(ReadOnlyMemory<byte> body) =>
        body.Span.StartsWith("\uFEFF"u8) ? body[3..] : body;

    /// <summary>Errors about the body and unknown fields first, then the fields in their documented order.</summary>
    private static int FieldOrder(string field) => field switch
    {
        ProvisionRequestFields.Domain => 1,
        ProvisionRequestFields.AppType => 2,
        ProvisionRequestFields.TemplateId => 3,
        _ => 0,
    };
}
