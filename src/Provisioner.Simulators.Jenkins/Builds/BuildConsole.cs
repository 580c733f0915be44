using System.Text;

namespace Provisioner.Simulators.Jenkins.Builds;

/// <summary>A build's console log: written by the build while it runs, read by <c>consoleText</c> at any time.</summary>
internal sealed class BuildConsole : TextWriter
{
    private readonly Lock sync = new();
    private readonly StringBuilder text = new();

    public BuildConsole() => NewLine = "\n";

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get
        {
            lock (sync)
            {
                return text.ToString();
            }
        }
    }

    public override void Write(char value)
    {
        lock (sync)
        {
            text.Append(value);
        }
    }

    public override void Write(string? value)
    {
        lock (sync)
        {
            text.Append(value);
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (sync)
        {
            text.Append(buffer, index, count);
        }
    }

    public override void WriteLine(string? value)
    {
        lock (sync)
        {
            text.Append(value).Append('\n');
        }
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }
}
