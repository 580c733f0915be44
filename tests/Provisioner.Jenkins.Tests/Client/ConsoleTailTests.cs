using System.Text;
using Provisioner.Jenkins.Builds;

namespace Provisioner.Jenkins.Tests.Client;

/// <summary>The console tail kept as a failed build's evidence: the last lines, bounded however the log looks.</summary>
public sealed class ConsoleTailTests
{
    [Theory]
    [InlineData("a\nb\nc\n", new[] { "b", "c" })]
    [InlineData("a\r\nb\r\nc", new[] { "b", "c" })]
    [InlineData("only", new[] { "only" })]
    [InlineData("", new string[0])]
    [InlineData("x\n\n", new[] { "x", "" })]
    public async Task It_keeps_the_last_lines_whatever_the_line_ends(string console, string[] expected)
    {
        Assert.Equal(expected, await Tail(console, lines: 2, lineChars: 100, totalChars: 1000));
    }

    [Fact]
    public async Task A_line_without_an_end_never_grows_past_the_cap()
    {
        var tail = await Tail(new string('x', 1_000_000), lines: 50, lineChars: 10, totalChars: 1000);

        Assert.Equal(["xxxxxxxxxx […]"], tail);
    }

    [Fact]
    public async Task The_oldest_lines_go_first_when_the_whole_tail_is_too_long()
    {
        var tail = await Tail(string.Join('\n', Enumerable.Range(1, 10).Select(i => $"line {i:00}")), lines: 50, lineChars: 100, totalChars: 24);

        Assert.Equal(["line 08", "line 09", "line 10"], tail);
    }

    private static Task<IReadOnlyList<string>> Tail(string console, int lines, int lineChars, int totalChars) =>
        new ConsoleTail(lines, lineChars, totalChars).ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(console)), CancellationToken.None);
}
