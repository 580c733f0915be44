using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Provisioner.Ui.Tests.Assets;

/// <summary>
/// What the files themselves must hold, checked statically (the browser tests check the running pages):
/// nothing the Content-Security-Policy would block, nothing from another site, labelled controls, no secrets.
/// </summary>
public sealed partial class UiMarkupTests
{
    public static TheoryData<string> Pages => [.. UiAssets.All.Keys.Where(p => p.EndsWith(".html", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> Scripts => [.. UiAssets.All.Keys.Where(p => p.EndsWith(".js", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> Files => [.. UiAssets.All.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Pages))]
    public void Pages_load_only_module_scripts_and_stylesheets_from_the_ui_and_hold_no_inline_script_or_style(string page)
    {
        var document = Parse(page);

        Assert.All(document.QuerySelectorAll("script"), script =>
        {
            Assert.Equal("module", script.GetAttribute("type"));
            Assert.True(string.IsNullOrWhiteSpace(script.TextContent), $"{page} has an inline script.");
            Assert.True(UiAssets.All.ContainsKey(script.GetAttribute("src") ?? string.Empty), $"{page} loads a script that is not a UI file: {script.GetAttribute("src")}");
        });
        Assert.Empty(document.QuerySelectorAll("style"));
        Assert.All(document.QuerySelectorAll("link[href]"), link =>
            Assert.True(UiAssets.All.ContainsKey(link.GetAttribute("href")!), $"{page} links a file that is not a UI file: {link.GetAttribute("href")}"));
        Assert.All(document.All, element =>
        {
            Assert.False(element.HasAttribute("style"), $"{page}: <{element.LocalName}> has a style attribute.");
            Assert.DoesNotContain(element.Attributes, a => a.Name.StartsWith("on", StringComparison.Ordinal));
            Assert.DoesNotContain(element.Attributes, a => a.Value.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
        });
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_form_control_has_a_label_and_every_button_a_name(string page)
    {
        var document = Parse(page);

        var controls = document.QuerySelectorAll("input, select, textarea").Where(c => c.GetAttribute("type") is not ("hidden" or "submit" or "button")).ToList();
        Assert.All(controls, control => Assert.True(
            HasLabel(document, control),
            $"{page}: <{control.LocalName} id=\"{control.Id}\" name=\"{control.GetAttribute("name")}\"> has no label."));
        Assert.All(document.QuerySelectorAll("button"), button => Assert.False(
            string.IsNullOrWhiteSpace(button.TextContent) && !button.HasAttribute("aria-label"),
            $"{page}: a button has no name."));
        Assert.All(document.QuerySelectorAll("[aria-describedby], [aria-labelledby], label[for], [aria-controls]"), element =>
        {
            var ids = string.Join(' ', new[] { "aria-describedby", "aria-labelledby", "for", "aria-controls" }.Select(element.GetAttribute).Where(v => v is not null));
            Assert.All(ids.Split(' ', StringSplitOptions.RemoveEmptyEntries), id => Assert.NotNull(document.GetElementById(id)));
        });
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Pages_have_a_language_a_title_a_viewport_one_heading_and_a_main_landmark(string page)
    {
        var document = Parse(page);

        Assert.Equal("en", document.DocumentElement.GetAttribute("lang"));
        Assert.False(string.IsNullOrWhiteSpace(document.Title));
        Assert.Contains("width=device-width", document.QuerySelector("meta[name=viewport]")?.GetAttribute("content"), StringComparison.Ordinal);
        Assert.Single(document.QuerySelectorAll("h1"));
        Assert.Single(document.QuerySelectorAll("main"));
        Assert.NotNull(document.QuerySelector("a.skip-link[href='#main']"));
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Scripts_build_the_page_from_text_only_and_import_only_ui_modules(string script)
    {
        var text = Text(script);

        // Trusted Types (require-trusted-types-for 'script') would throw on these; and no style attributes (style-src 'self').
        foreach (var sink in new[] { "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "setAttribute('style'", ".style.", "cssText" })
        {
            Assert.DoesNotContain(sink, text, StringComparison.Ordinal);
        }

        Assert.All(ImportPath().Matches(text).Select(m => m.Groups["path"].Value), path =>
            Assert.True(UiAssets.All.ContainsKey("js/" + path.TrimStart('.', '/')), $"{script} imports {path}, which is not a UI module."));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void No_file_names_another_site_to_load_from(string file)
    {
        var text = Text(file);

        // The SVG namespace is a name, not a load.
        var urls = AbsoluteUrl().Matches(text).Select(m => m.Value).Where(u => u != "http://www.w3.org/2000/svg").ToList();
        Assert.True(urls.Count == 0, $"{file} names {string.Join(", ", urls)}: the UI loads nothing from elsewhere (no CDN).");
        Assert.DoesNotContain("@import", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void No_file_holds_anything_that_looks_like_a_secret(string file)
    {
        var text = Text(file);

        Assert.Empty(SecretLike().Matches(text).Select(m => m.Value));
        Assert.DoesNotContain("?code=", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("&code=", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_secret_pattern_catches_the_shapes_it_is_meant_to()
    {
        Assert.All(
            // Assembled at run time, so the repository holds nothing a secret scanner flags.
            ["ghp_" + new string('a', 36), "github_pat_" + "11ABCDEFG0123456789_" + new string('z', 26), "sim-" + new string('0', 32), "-----BEGIN " + "PRIVATE KEY-----", "AccountKey=abc", new string('f', 40), "password: hunter2"],
            sample => Assert.Matches(SecretLike(), sample));
    }

    private static bool HasLabel(IDocument document, IElement control) =>
        control.HasAttribute("aria-label") || control.HasAttribute("aria-labelledby") ||
        control.Closest("label") is not null ||
        (control.Id is { Length: > 0 } id && document.QuerySelector($"label[for='{id}']") is { } label && !string.IsNullOrWhiteSpace(label.TextContent));

    private static IDocument Parse(string page) => new HtmlParser().ParseDocument(Text(page));

    private static string Text(string file) => Encoding.UTF8.GetString(UiAssets.All[file].Content.Span);

    [GeneratedRegex(@"\bfrom\s+'(?<path>[^']+)'")]
    private static partial Regex ImportPath();

    [GeneratedRegex(@"\b(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}[^\s'""`)]*", RegexOptions.IgnoreCase)]
    private static partial Regex AbsoluteUrl();

    [GeneratedRegex(@"gh[pousr]_[A-Za-z0-9]{20,}|github_pat_\w{20,}|sim-[0-9a-f]{32}|-----BEGIN [A-Z ]*KEY-----|AccountKey=|\b[0-9a-f]{32,}\b|password\s*[:=]\s*\S+", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLike();
}
