using System.Text;

namespace Provisioner.Jenkins.Builds;

/// <summary>
/// Keeps the end of a console log as it streams by: at most <c>lines</c> lines, each cut to
/// <c>lineChars</c> characters (even a line with no end never grows past that), and at most
/// <c>totalChars</c> in all (oldest lines dropped first), so a huge log costs neither memory nor a
/// huge status document.
/// </summary>
internal sealed class ConsoleTail(int lines, int lineChars, int totalChars)
{
    private const string Cut = " […]";

    public async Task<IReadOnlyList<string>> ReadAsync(Stream console, CancellationToken cancellationToken)
    {
        var tail = new Queue<string>(lines + 1);
        var line = new StringBuilder();
        var cut = false;
        var pendingLine = false;
        void EndLine()
        {
            tail.Enqueue(line.ToString().TrimEnd('\r') + (cut ? Cut : string.Empty));
            if (tail.Count > lines)
            {
                tail.Dequeue();
            }

            line.Clear();
            cut = false;
            pendingLine = false;
        }

        using var reader = new StreamReader(console, Encoding.UTF8);
        var chunk = new char[8192];
        int count;
        while ((count = await reader.ReadAsync(chunk, cancellationToken)) > 0)
        {
            for (var i = 0; i < count; i++)
            {
                if (chunk[i] == '\n')
                {
                    EndLine();
                }
                else if (line.Length < lineChars)
                {
                    line.Append(chunk[i]);
                    pendingLine = true;
                }
                else
                {
                    cut = true;
                }
            }
        }

        if (pendingLine || cut)
        {
            EndLine();
        }

        var total = tail.Sum(l => l.Length);
        while (total > totalChars && tail.Count > 0)
        {
            total -= tail.Dequeue().Length;
        }

        return [.. tail];
    }
}
