using Microsoft.Playwright;

namespace Provisioner.Ui.Tests.Browser.Pages;

/// <summary>The request form, found the way a person finds it: by labels and roles.</summary>
public sealed class RequestForm(IPage page)
{
    public ILocator Domain => page.GetByLabel("Domain", new() { Exact = true });

    public ILocator DomainError => page.Locator("#domain-error");

    public ILocator Template => page.GetByLabel("Template", new() { Exact = true });

    public ILocator TemplateDetails => page.Locator("#template-details");

    public ILocator Summary => page.Locator("#summary");

    public ILocator Provision => page.GetByRole(AriaRole.Button, new() { Name = "Provision", Exact = true });

    public ILocator Preview => page.GetByRole(AriaRole.Button, new() { Name = "Preview", Exact = true });

    public ILocator PreviewSection => page.Locator("#preview");

    public ILocator AppType(string label) => page.GetByRole(AriaRole.Radio, new() { Name = label });

    public async Task FillAsync(string domain, string appType, string templateId)
    {
        await Domain.FillAsync(domain);
        await AppType(appType == "backend" ? "Backend" : "Frontend").CheckAsync();
        await Template.SelectOptionAsync(templateId);
    }
}
