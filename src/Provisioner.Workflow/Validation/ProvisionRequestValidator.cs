using System.Text.Json;
using Provisioner.Workflow.Integrations.Templates;
using Provisioner.Workflow.Model;

namespace Provisioner.Workflow.Validation;

/// <summary>
/// Parses and checks a provision request body (<c>{"domain", "app_type", "template_id"}</c>) and
/// reports every bad field at once.
/// </summary>
public sealed class ProvisionRequestValidator(ITemplateCatalog catalog, ProvisioningOptions options)
{
    private static readonly string[] KnownFields = ["domain", "app_type", "template_id"];

    /// <summary>The request, or the errors (one per bad field).</summary>
    public (ProvisionRequest? Request, IReadOnlyList<FieldError> Errors) Validate(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
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
            foreach (var property in root.EnumerateObject())
            {
                if (!KnownFields.Contains(property.Name, StringComparer.Ordinal))
                {
                    errors.Add(new FieldError(property.Name, $"Unknown field '{property.Name}'.",
                        $"Remove it; the fields are {string.Join(", ", KnownFields)} (snake_case)."));
                }
            }

            var domain = ReadString(root, "domain", errors, "Send the site's host name, e.g. \"shop.example.com\".");
            string normalizedDomain = string.Empty;
            if (domain is not null && DomainName.Validate(domain, options.AllowedParentDomains, out normalizedDomain) is { } domainError)
            {
                errors.Add(domainError);
            }

            var appTypeText = ReadString(root, "app_type", errors, "Send \"frontend\" or \"backend\".");
            AppType? appType = null;
            if (appTypeText is not null)
            {
                if (AppTypeNames.TryParse(appTypeText, out var parsed))
                {
                    appType = parsed;
                }
                else
                {
                    errors.Add(new FieldError("app_type", $"'{Shorten(appTypeText)}' is not an app type.", "Send \"frontend\" or \"backend\" (lower case)."));
                }
            }

            var templateId = ReadString(root, "template_id", errors, $"Send one of: {string.Join(", ", catalog.List().Select(t => t.Id))}.");
            if (templateId is not null)
            {
                CheckTemplate(templateId, appType, errors);
            }

            return errors.Count > 0
                ? (null, errors)
                : (new ProvisionRequest(normalizedDomain, appType!.Value, templateId!), errors);
        }
    }

    private void CheckTemplate(string templateId, AppType? appType, List<FieldError> errors)
    {
        var template = catalog.Find(templateId);
        if (template is null)
        {
            errors.Add(new FieldError("template_id", $"No template has the id '{Shorten(templateId)}'.",
                $"Send one of: {string.Join(", ", catalog.List().Select(t => t.Id))} (GET /api/templates lists them)."));
            return;
        }

        if (appType is { } type && template.AppType != type)
        {
            var matching = catalog.List().Where(t => t.AppType == type).Select(t => t.Id).ToList();
            errors.Add(new FieldError("template_id", $"Template '{templateId}' is for {template.AppType.ToWire()} apps, not {type.ToWire()}.",
                matching.Count > 0
                    ? $"Send a {type.ToWire()} template: {string.Join(", ", matching)}; or set app_type to \"{template.AppType.ToWire()}\"."
                    : $"Set app_type to \"{template.AppType.ToWire()}\"; no {type.ToWire()} template exists."));
        }
    }

    private static string? ReadString(JsonElement root, string field, List<FieldError> errors, string fix)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new FieldError(field, $"{field} is required.", fix));
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new FieldError(field, $"{field} must be a string, not a {value.ValueKind.ToString().ToLowerInvariant()}.", fix));
            return null;
        }

        var text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new FieldError(field, $"{field} is empty.", fix));
            return null;
        }

        return text;
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
