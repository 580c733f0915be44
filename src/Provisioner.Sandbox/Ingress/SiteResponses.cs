using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Provisioner.Sandbox.Registry;

namespace Provisioner.Sandbox.Ingress;

/// <summary>
/// What a running sandbox image answers. A static site (nginx, the <c>static-site</c> template):
/// the files of its web root at the commit the image was built from, with their media types, as
/// <c>try_files $uri $uri/ =404</c> and <c>index index.html</c> serve them, and <c>/healthz</c> as
/// the template's nginx config answers it. An ASP.NET Core app (the <c>dotnet-api</c> template): what
/// its <c>Program.cs</c> maps, <c>GET /</c> as <c>{service, message}</c> (the <c>Site:Domain</c> of
/// its <c>appsettings.json</c> and the message literal of its <c>Program.cs</c>) and
/// <c>/healthz</c> as <c>Healthy</c>; anything else 404.
/// </summary>
internal static partial class SiteResponses
{
    private static readonly FileExtensionContentTypeProvider MediaTypes = new();

    public static Task ServeAsync(HttpContext context, SandboxImage image) => image.App switch
    {
        StaticSiteApp site => ServeStaticAsync(context, image, site),
        AspNetApp api => ServeAspNetAsync(context, image, api),
        UnrecognizedApp other => IngressErrors.WriteAsync(context, StatusCodes.Status502BadGateway, $"image {image.Reference} cannot run in the sandbox: {other.Reason}"),
        _ => IngressErrors.WriteAsync(context, StatusCodes.Status502BadGateway, $"image {image.Reference} serves nothing the sandbox knows"),
    };

    private static async Task ServeStaticAsync(HttpContext context, SandboxImage image, StaticSiteApp site)
    {
        var path = context.Request.Path.Value ?? "/";
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            await IngressErrors.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "nginx serves static files to GET and HEAD only");
            return;
        }

        if (path == "/healthz")
        {
            await WriteAsync(context, StatusCodes.Status200OK, "text/plain", "ok\n"u8.ToArray());
            return;
        }

        if (path.Split('/').Any(segment => segment is "." or ".." || segment.Contains('\\', StringComparison.Ordinal) || segment.Contains('\0', StringComparison.Ordinal)))
        {
            await IngressErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "the path leaves the site's folder");
            return;
        }

        var files = await image.Repository.ListFilesAsync(image.Commit, context.RequestAborted);
        var relative = path.TrimStart('/');
        var asked = relative.Length == 0 ? site.WebRoot : $"{site.WebRoot}/{relative.TrimEnd('/')}";
        var isFolder = files.Any(f => f.StartsWith(asked + "/", StringComparison.Ordinal));
        if (relative.Length == 0 || relative.EndsWith('/'))
        {
            var index = asked + "/index.html";
            if (files.Contains(index))
            {
                await WriteFileAsync(context, image, index);
            }
            else
            {
                await IngressErrors.WriteAsync(context, isFolder ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound, $"{path} has no index.html in {image.Commit[..12]}");
            }
        }
        else if (files.Contains(asked))
        {
            await WriteFileAsync(context, image, asked);
        }
        else if (isFolder)
        {
            context.Response.Headers.Location = path + "/" + context.Request.QueryString;
            await IngressErrors.WriteAsync(context, StatusCodes.Status301MovedPermanently, "a folder is served with a trailing slash");
        }
        else
        {
            await IngressErrors.WriteAsync(context, StatusCodes.Status404NotFound, $"{relative} is not in the site at {image.Commit[..12]}");
        }
    }

    private static async Task WriteFileAsync(HttpContext context, SandboxImage image, string path)
    {
        var bytes = await image.Repository.ReadFileAsync(image.Commit, path, context.RequestAborted) ?? [];
        await WriteAsync(context, StatusCodes.Status200OK, MediaTypes.TryGetContentType(path, out var type) ? type : "application/octet-stream", bytes);
    }

    private static async Task ServeAspNetAsync(HttpContext context, SandboxImage image, AspNetApp api)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path == "/healthz")
        {
            await WriteAsync(context, StatusCodes.Status200OK, "text/plain", "Healthy"u8.ToArray());
            return;
        }

        if (path != "/" || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
        {
            context.Response.StatusCode = path == "/" ? StatusCodes.Status405MethodNotAllowed : StatusCodes.Status404NotFound;
            return;
        }

        var program = await image.Repository.ReadFileAsync(image.Commit, api.ProjectFolder + "/Program.cs", context.RequestAborted);
        var settings = await image.Repository.ReadFileAsync(image.Commit, api.ProjectFolder + "/appsettings.json", context.RequestAborted);
        var message = program is null ? null : Literal(MessageLiteral(), Encoding.UTF8.GetString(program));
        if (message is null)
        {
            await IngressErrors.WriteAsync(context, StatusCodes.Status502BadGateway, $"the sandbox could not read the message {api.ProjectFolder}/Program.cs answers with");
            return;
        }

        var service = ConfiguredDomain(settings) ?? Literal(ServiceFallbackLiteral(), Encoding.UTF8.GetString(program!));
        var body = JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["service"] = service, ["message"] = message }, JsonSerializerOptions.Web);
        await WriteAsync(context, StatusCodes.Status200OK, "application/json; charset=utf-8", body);
    }

    private static string? ConfiguredDomain(byte[]? appSettings)
    {
        try
        {
            return appSettings is null ? null : JsonNode.Parse(appSettings, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })?["Site"]?["Domain"]?.GetValue<string>();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>A C# string literal the regex found, decoded (the templates write literals with JSON's escapes).</summary>
    private static string? Literal(Regex regex, string code)
    {
        var match = regex.Match(code);
        try
        {
            return match.Success ? JsonSerializer.Deserialize<string>(match.Groups["literal"].Value) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task WriteAsync(HttpContext context, int status, string contentType, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    [GeneratedRegex(@"\bmessage\s*=\s*(?<literal>""(?:[^""\\\r\n]|\\.)*"")")]
    private static partial Regex MessageLiteral();

    [GeneratedRegex(@"\[""Site:Domain""\]\s*\?\?\s*(?<literal>""(?:[^""\\\r\n]|\\.)*"")")]
    private static partial Regex ServiceFallbackLiteral();
}
