using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Provisioner.Workflow.Hosting;

namespace Provisioner.Infra.Tests;

public sealed partial class LocalSettingsSampleTests
{
    private static readonly JsonObject Values =
        JsonNode.Parse(File.ReadAllText(RepositoryFiles.Path("local.settings.sample.json")))!["Values"]!.AsObject();

    public static TheoryData<string> Names() => SettingNameSource.Theory();

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_setting_name_is_in_the_sample(string name) =>
        Assert.True(Values.ContainsKey(name), $"local.settings.sample.json has no {name}.");

    [Fact]
    public void The_sample_runs_on_Azurite_with_the_isolated_worker()
    {
        Assert.Equal("UseDevelopmentStorage=true", (string?)Values["AzureWebJobsStorage"]);
        Assert.Equal("dotnet-isolated", (string?)Values["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.False(string.IsNullOrEmpty((string?)Values["TASKHUB_NAME"]));
    }

    [Fact]
    public void Secrets_are_left_empty()
    {
        Assert.All(SettingNames.Secrets, name => Assert.Equal(string.Empty, (string?)Values[name]));
    }

    [Fact]
    public void No_value_looks_like_a_real_credential()
    {
        foreach (var (name, value) in Values)
        {
            var text = (string?)value ?? string.Empty;
            Assert.False(CredentialLike().IsMatch(text), $"{name} in local.settings.sample.json looks like a real credential.");
        }
    }

    // Token-shaped samples are assembled at run time so the repository itself holds nothing a secret scanner flags.
    public static TheoryData<string> TokenShapes() => new()
    {
        "ghp" + "_" + "0123456789abcdefghijABCDEFGHIJ012345",
        "github" + "_pat_" + "11ABCDEFG0123456789_abcdefghijklmnop",
        "11f0a1b2c3d4e5f60718293a4b5c6d7e8f",
        "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=abc",
    };

    [Theory]
    [MemberData(nameof(TokenShapes))]
    public void The_credential_check_recognises_tokens(string token) =>
        Assert.Matches(CredentialLike(), token);

    // GitHub tokens, Jenkins API tokens (32+ hex), storage keys, long opaque strings.
    [GeneratedRegex(@"gh[pousr]_|github_pat_|AccountKey=|SharedAccessSignature|[0-9a-f]{24,}|[A-Za-z0-9+/]{32,}")]
    private static partial Regex CredentialLike();
}
