using Fluid;
using Fluid.Values;
using Provisioner.Templates.Catalog;
using Provisioner.Workflow.Integrations.Templates;
using Provisioner.Workflow.Model;

namespace Provisioner.Templates.Rendering;

/// <summary>
/// The variables one render may use, as strict objects:
/// <c>site.{domain, app_name, namespace, repository_path}</c>, <c>provision.id</c>, <c>app_type</c>,
/// <c>image.repository</c>, <c>ingress.{class_name, tls, cluster_issuer, tls_secret_name}</c>, and for a
/// site template <c>template.{id, name}</c> and <c>params.*</c> (the manifest's parameters with their defaults).
/// </summary>
internal sealed class TemplateModel
{
    private readonly Dictionary<string, FluidValue> roots = new(StringComparer.Ordinal);

    private TemplateModel()
    {
    }

    public static TemplateModel For(SiteRenderRequest request, LoadedTemplate? template, TemplateSettings settings)
    {
        var site = request.Site;
        var model = new TemplateModel();
        model.Add(Object("site", ("domain", site.Domain), ("app_name", site.AppName), ("namespace", site.Namespace), ("repository_path", site.RepositoryPath)));
        model.Add(Object("provision", ("id", request.ProvisionId)));
        model.roots["app_type"] = new StringValue(request.AppType.ToWire());
        model.Add(Object("image", ("repository", $"{settings.ImageRegistry.TrimEnd('/')}/{site.AppName}")));

        var issuer = string.IsNullOrWhiteSpace(settings.ClusterIssuer) ? null : settings.ClusterIssuer.Trim();
        var secret = string.IsNullOrWhiteSpace(settings.TlsSecretName) ? null : settings.TlsSecretName.Trim();
        model.Add(new StrictObjectValue("ingress", new Dictionary<string, FluidValue>(StringComparer.Ordinal)
        {
            ["class_name"] = new StringValue(settings.IngressClassName),
            ["tls"] = BooleanValue.Create(issuer is not null || secret is not null),
            ["cluster_issuer"] = new StringValue(issuer ?? ""),
            ["tls_secret_name"] = new StringValue(secret ?? site.AppName + "-tls"),
        }));

        if (template is not null)
        {
            model.Add(Object("template", ("id", template.Descriptor.Id), ("name", template.Descriptor.Name)));
            model.Add(new StrictObjectValue("params", template.Descriptor.Parameters.ToDictionary(
                p => p.Name, p => (FluidValue)new StringValue(p.Default ?? ""), StringComparer.Ordinal)));
        }

        return model;
    }

    public TemplateContext NewContext(TemplateOptions options)
    {
        var context = new TemplateContext(options);
        foreach (var (name, value) in roots)
        {
            context.SetValue(name, value);
        }

        return context;
    }

    /// <summary>The variable whose value this is, for error messages (values reach files through filters too, so it may be none).</summary>
    public string? NameOf(string value)
    {
        foreach (var (name, root) in roots)
        {
            if (Find(name, root, value) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static string? Find(string path, FluidValue node, string value) => node switch
    {
        StrictObjectValue obj => obj.Members.Select(m => Find($"{path}.{m.Key}", m.Value, value)).FirstOrDefault(p => p is not null),
        StringValue s when s.ToStringValue() == value => path,
        _ => null,
    };

    private void Add(StrictObjectValue value) => roots[value.Path] = value;

    private static StrictObjectValue Object(string path, params (string Name, string Value)[] members) =>
        new(path, members.ToDictionary(m => m.Name, m => (FluidValue)new StringValue(m.Value), StringComparer.Ordinal));
}
