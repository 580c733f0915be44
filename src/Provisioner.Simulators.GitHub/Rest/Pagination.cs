using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Provisioner.Simulators.GitHub.Rest;

/// <summary>GitHub's list pagination: <c>per_page</c> (1-100) and <c>page</c>, with first/prev/next/last in a <c>Link</c> header.</summary>
internal static class Pagination
{
    /// <summary>The requested page of <paramref name="items"/>; sets the response's <c>Link</c> header when there are other pages.</summary>
    public static IReadOnlyList<T> Page<T>(IReadOnlyList<T> items, HttpRequest request, int defaultPageSize)
    {
        var perPage = PerPage(request, defaultPageSize);
        var page = Math.Max(1, int.TryParse(request.Query["page"], out var pg) ? pg : 1);
        var lastPage = Math.Max(1, (items.Count + perPage - 1) / perPage);
        var links = new List<string>();
        if (page < lastPage)
        {
            links.Add(Link(request, "page", page + 1, "next"));
            links.Add(Link(request, "page", lastPage, "last"));
        }

        if (page > 1)
        {
            links.Add(Link(request, "page", 1, "first"));
            links.Add(Link(request, "page", page - 1, "prev"));
        }

        if (links.Count > 0)
        {
            request.HttpContext.Response.Headers.Link = string.Join(", ", links);
        }

        return [.. items.Skip((page - 1) * perPage).Take(perPage)];
    }

    /// <summary>The <c>per_page</c> asked for, within GitHub's 1-100 (its default when not asked).</summary>
    public static int PerPage(HttpRequest request, int defaultPageSize) =>
        Math.Clamp(int.TryParse(request.Query["per_page"], out var perPage) ? perPage : defaultPageSize, 1, 100);

    /// <summary>A <c>Link</c> header entry: this request's URL with <paramref name="parameter"/> set to <paramref name="value"/>.</summary>
    public static string Link(HttpRequest request, string parameter, object value, string rel)
    {
        var parts = request.Query.Where(q => q.Key != parameter).Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}").ToList();
        parts.Add(parameter + "=" + Uri.EscapeDataString(Convert.ToString(value, CultureInfo.InvariantCulture)!));
        return $"<{request.Scheme}://{request.Host}{request.PathBase}{request.Path}?{string.Join("&", parts)}>; rel=\"{rel}\"";
    }
}
