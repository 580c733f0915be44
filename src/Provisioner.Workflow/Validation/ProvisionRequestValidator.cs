using Microsoft.Extensions.Options;
using Provisioner.Workflow.Integrations.Templates;
using Provisioner.Workflow.Model;

namespace Provisioner.Workflow.Validation;

/// <summary>
/// Checks the values of a provision request (<c>domain</c>, <c>app_type</c>, <c>template_id</c>)
/// and reports every bad one at once. Reading them from the wire (presence, type, encoding) is the
/// API's part; it asks <see cref="FixFor"/> what to tell a client that sent a field wrongly.
/// </summary>
public sealed class ProvisionRequestValidator(ITemplateCatalog catalog, IOptions<ProvisioningOptions> options)
{
    /// <summary>The request's field names, as the API spells them.</summary>
    public static IReadOnlyList<string> Fields { get; } = [ProvisionRequestFields.Domain, ProvisionRequestFields.AppType, ProvisionRequestFields.TemplateId];

    /// <summary>What to send for a field, e.g. after it was missing or not a string.</summary>
    public string FixFor(string field) => field switch
    {
        ProvisionRequestFields.Domain => "Send the site's host name, e.g. \"shop.example.com\".",
        ProvisionRequestFields.AppType => "Send \"frontend\" or \"backend\".",
        ProvisionRequestFields.TemplateId => $"Send one of: {TemplateIds()}.",
        _ => $"Send only {string.Join(", ", Fields)}.",
    };

    /// <summary>
    /// The normalized request, or the errors (one per bad field). A null field of <paramref name="draft"/>
    /// is one the reader already refused: it is not checked again, and no request is made.
    /// </summary>
    public (ProvisionRequest? Request, IReadOnlyList<FieldError> Errors) Validate(ProvisionRequestDraft draft)
    {
        var errors = new List<FieldError>();
        string? domain = null;
        if (draft.Domain is not null)
        {
            if (DomainName.Validate(draft.Domain, options.Value.ParentDomains, out var normalized) is { } domainError)
            {
                errors.Add(domainError);
            }
            else
            {
                domain = normalized;
            }
        }

        AppType? appType = null;
        if (draft.AppType is not null)
        {
            if (AppTypeNames.TryParse(draft.AppType, out var parsed))
            {
                appType = parsed;
            }
            else
            {
                errors.Add(new FieldError(ProvisionRequestFields.AppType, $"'{ClientText.Shorten(draft.AppType)}' is not an app type.", "Send \"frontend\" or \"backend\" (lower case)."));
            }
        }

        if (draft.TemplateId is not null)
        {
            CheckTemplate(draft.TemplateId, appType, errors);
        }

        return errors.Count == 0 && domain is not null && appType is { } type && draft.TemplateId is { } templateId
            ? (new ProvisionRequest(domain, type, templateId), errors)
            : (null, errors);
    }

    private void CheckTemplate(string templateId, AppType? appType, List<FieldError> errors)
    {
        var template = catalog.Find(templateId);
        if (template is null)
        {
            errors.Add(new FieldError(ProvisionRequestFields.TemplateId, $"No template has the id '{ClientText.Shorten(templateId)}'.",
                $"Send one of: {TemplateIds()} (GET /api/templates lists them)."));
            return;
        }

        if (appType is { } type && template.AppType != type)
        {
            var matching = catalog.List().Where(t => t.AppType == type).Select(t => t.Id).ToList();
            errors.Add(new FieldError(ProvisionRequestFields.TemplateId, $"Template '{templateId}' is for {template.AppType.ToWire()} apps, not {type.ToWire()}.",
                matching.Count > 0
                    ? $"Send a {type.ToWire()} template: {string.Join(", ", matching)}; or set app_type to \"{template.AppType.ToWire()}\"."
                    : $"Set app_type to \"{template.AppType.ToWire()}\"; no {type.ToWire()} template exists."));
        }
    }

    private string TemplateIds() => string.Join(", ", catalog.List().Select(t => t.Id));
}

/// <summary>The field names of a provision request.</summary>
public static class ProvisionRequestFields
{
    /// <summary>The site's host name.</summary>
    public const string Domain = "domain";

    /// <summary>frontend or backend.</summary>
    public const string AppType = "app_type";

    /// <summary>The template to render.</summary>
    public const string TemplateId = "template_id";
}

/// <summary>A provision request's fields as read from the wire, before their values are checked.</summary>
/// <param name="Domain">The domain as sent, or null when the reader refused it.</param>
/// <param name="AppType">The app type as sent, or null when the reader refused it.</param>
/// <param name="TemplateId">The template id as sent, or null when the reader refused it.</param>
public sealed record ProvisionRequestDraft(string? Domain, string? AppType, string? TemplateId);
