using System.Globalization;

namespace Provisioner.Local;

/// <summary>The runner's command line: <c>[--port N] [--demo]</c>.</summary>
/// <param name="Port">The port on 127.0.0.1; 0 picks a free one. Default 7071 (as <c>func start</c>), or 0 with <c>--demo</c>.</param>
/// <param name="Demo">Walk one provision through the pipeline, then exit.</param>
internal sealed record RunnerArguments(int Port, bool Demo)
{
    /// <summary>The port the runner serves on unless told otherwise.</summary>
    public const int DefaultPort = 7071;

    /// <summary>Reads the arguments; false with a usage line for anything else.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out RunnerArguments arguments, out string usage)
    {
        usage = "usage: Provisioner.Local [--port N] [--demo]   (--port 0 picks a free port)";
        var demo = false;
        int? port = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--demo":
                    demo = true;
                    break;
                case "--port" when i + 1 < args.Count && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= 65535:
                    port = value;
                    i++;
                    break;
                case "--port":
                    usage = "--port needs a number from 0 to 65535 (0 picks a free port).";
                    arguments = new RunnerArguments(DefaultPort, false);
                    return false;
                default:
                    usage = $"Unknown argument '{args[i]}'. " + usage;
                    arguments = new RunnerArguments(DefaultPort, false);
                    return false;
            }
        }

        arguments = new RunnerArguments(port ?? (demo ? 0 : DefaultPort), demo);
        return true;
    }
}
