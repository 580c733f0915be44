using Provisioner.Sandbox.Outcomes;

namespace Provisioner.Sandbox.Tests;

public sealed class ScriptedOutcomeTests
{
    [Theory]
    [InlineData("fail-build.shop.example.com", ScriptedEffect.BuildFails)]
    [InlineData("Bad-Image.example.com", ScriptedEffect.ImageCannotBePulled)]
    [InlineData("crash.example.com", ScriptedEffect.CrashLoop)]
    [InlineData("not-ready.example.com", ScriptedEffect.NeverReady)]
    public void A_domain_starting_with_a_scripted_label_plays_its_outcome(string domain, ScriptedEffect effect) =>
        Assert.Equal(effect, ScriptedOutcome.For(domain)?.Effect);

    [Theory]
    [InlineData("shop.example.com")]
    [InlineData("fail-builds.example.com")]
    [InlineData("my-crash.example.com")]
    [InlineData("crash-example.com")]
    [InlineData(null)]
    public void Any_other_domain_goes_live(string? domain) => Assert.Null(ScriptedOutcome.For(domain));
}
