using System.Diagnostics;
using Provisioner.Templates;
using Provisioner.Templates.Benchmarks;
using Provisioner.Templates.Catalog;
using Provisioner.Templates.Rendering;
using Provisioner.Workflow.Integrations.Templates;
using Provisioner.Workflow.Model;

const int FileCount = 50;
const int Warmup = 200;
const int Iterations = 2000;
const double TargetMs = 20;

var root = Path.Combine(Path.GetTempPath(), "provisioner-template-bench-" + Guid.NewGuid().ToString("N"));
try
{
    GeneratedTemplate.Write(root, FileCount);
    var settings = new TemplateSettings { Root = root, ClusterIssuer = "letsencrypt", ImageRegistry = "registry.example.com/sites" };
    var library = new TemplateLibrary(settings);

    var load = Stopwatch.StartNew();
    var loaded = library.Find(GeneratedTemplate.Id) ?? throw new InvalidOperationException("The generated template did not load.");
    load.Stop();

    var renderer = new LiquidTemplateRenderer(library);
    var request = new SiteRenderRequest("bench-1", GeneratedTemplate.Id, AppType.Frontend, SiteIdentity.For("shop.example.com", "sites"));

    var first = renderer.RenderSite(request);
    if (first.Files.Count != FileCount)
    {
        throw new InvalidOperationException($"Expected {FileCount} files, rendered {first.Files.Count}.");
    }

    for (var i = 0; i < Warmup; i++)
    {
        renderer.RenderSite(request);
    }

    var times = new double[Iterations];
    long allocated = 0;
    long outputChars = first.Files.Sum(f => (long)f.Content.Length);
    for (var i = 0; i < Iterations; i++)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var start = Stopwatch.GetTimestamp();
        renderer.RenderSite(request);
        times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        allocated += GC.GetAllocatedBytesForCurrentThread() - before;
    }

    Array.Sort(times);
    var median = times[Iterations / 2];
    var p95 = times[(int)(Iterations * 0.95)];
    Console.WriteLine($"Template: {FileCount} files ({loaded.Files.Count} parsed), {outputChars:N0} output chars per render");
    Console.WriteLine($"Load + parse once: {load.Elapsed.TotalMilliseconds:F1} ms (cold, includes JIT)");
    Console.WriteLine($"Full render, warm, {Iterations} iterations after {Warmup} warm-up:");
    Console.WriteLine($"  median {median:F3} ms   p95 {p95:F3} ms   min {times[0]:F3} ms   max {times[^1]:F3} ms");
    Console.WriteLine($"  allocated {allocated / Iterations:N0} bytes per render");
    var pass = p95 < TargetMs;
    Console.WriteLine($"Target: < {TargetMs} ms per {FileCount}-file render -> {(pass ? "met" : "MISSED")} (p95)");
    return pass ? 0 : 1;
}
finally
{
    Directory.Delete(root, recursive: true);
}
