using Provisioner.Workflow.Model;
using Provisioner.Workflow.Provisions;

namespace Provisioner.Workflow.Tests.Provisions;

/// <summary>The list's continuation token: what the API gives out reads back; anything else is refused.</summary>
public sealed class ProvisionCursorTests
{
    [Fact]
    public void A_token_reads_back_as_the_position_it_was_made_from()
    {
        var cursor = new ProvisionCursor(new DateTimeOffset(2031, 5, 6, 7, 8, 9, 123, TimeSpan.Zero), ProvisionId.New("shop.example.com"));

        Assert.True(ProvisionCursor.TryParse(cursor.ToToken(), out var read));
        Assert.Equal(cursor, read);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("djE6MTIzOmZvbw")]
    [InlineData("djI6MTIzOnBydi0wMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZg")]
    public void Anything_else_is_refused(string token) => Assert.False(ProvisionCursor.TryParse(token, out _));
}
