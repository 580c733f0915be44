using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Provisioner.Ui;

/// <summary>One file of the UI, as embedded in the assembly.</summary>
/// <param name="Path">Its path under the UI's root, e.g. <c>js/api.js</c>.</param>
/// <param name="Content">Its bytes.</param>
/// <param name="ContentType">Its media type, with <c>charset=utf-8</c> for text.</param>
/// <param name="ETag">A strong validator derived from its bytes.</param>
public sealed record UiAsset(string Path, ReadOnlyMemory<byte> Content, string ContentType, EntityTagHeaderValue ETag)
{
    private static readonly FileExtensionContentTypeProvider MediaTypes = new();

    internal static UiAsset Create(string path, byte[] content)
    {
        if (!MediaTypes.TryGetContentType(path, out var mediaType))
        {
            throw new InvalidOperationException($"The UI file '{path}' has no known media type; add its extension to the UI's media types or rename it.");
        }

        var contentType = mediaType.StartsWith("text/", StringComparison.Ordinal) || mediaType == "image/svg+xml"
            ? mediaType + "; charset=utf-8"
            : mediaType;
        var hash = Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 16));
        return new UiAsset(path, content, contentType, new EntityTagHeaderValue($"\"{hash}\""));
    }
}
