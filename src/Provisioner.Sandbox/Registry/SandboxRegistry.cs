using System.Collections.Concurrent;

namespace Provisioner.Sandbox.Registry;

/// <summary>
/// The sandbox's container registry: the images its Jenkins pushed, by reference. The cluster pulls
/// from it (what a pushed image does when it runs is the kubelet's to know) and the ingress stand-in
/// serves what the running image holds.
/// </summary>
internal sealed class SandboxRegistry
{
    private readonly ConcurrentDictionary<string, SandboxImage> images = new(StringComparer.Ordinal);

    /// <summary>Raised after an image is pushed.</summary>
    public event Action<SandboxImage>? Pushed;

    /// <summary>Every pushed reference.</summary>
    public IReadOnlyCollection<string> References => [.. images.Keys];

    /// <summary>Stores an image (a push of the same reference replaces it, as a registry does).</summary>
    public void Push(SandboxImage image)
    {
        images[image.Reference] = image;
        Pushed?.Invoke(image);
    }

    /// <summary>The image with this reference, or null when the sandbox's Jenkins never pushed it.</summary>
    public SandboxImage? Find(string reference) => images.GetValueOrDefault(reference);
}
