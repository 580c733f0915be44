using Provisioner.Templates.Rendering.Encoding;

namespace Provisioner.Templates.Tests;

/// <summary>What each format's encoder writes for a value, and what it refuses.</summary>
public sealed class EncoderTests
{
    [Theory]
    [InlineData("shop.example.com", "shop.example.com")]
    [InlineData("registry/sites/app_1", "registry/sites/app_1")]
    [InlineData("true", "\"true\"")]
    [InlineData("No", "\"No\"")]
    [InlineData("123", "\"123\"")]
    [InlineData("", "\"\"")]
    [InlineData("a: b", "\"a: b\"")]
    [InlineData("x\"y\\z\n", "\"x\\\"y\\\\z\\n\"")]
    [InlineData("bell\u0007", "\"bell\\u0007\"")]
    public void Yaml_writes_plain_only_when_unambiguous_and_quotes_the_rest(string value, string expected) =>
        Assert.Equal(expected, YamlEncoder.Instance.Encode(value));

    [Theory]
    [InlineData("it's", "'it\\'s'")]
    [InlineData("${env.SECRET}", "'${env.SECRET}'")]
    [InlineData("a\\b\nc", "'a\\\\b\\nc'")]
    public void Groovy_writes_single_quoted_literals_that_never_interpolate(string value, string expected) =>
        Assert.Equal(expected, GroovyEncoder.Instance.Encode(value));

    [Theory]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("line\nbreak", "\"line\\nbreak\"")]
    public void CSharp_writes_escaped_string_literals(string value, string expected) =>
        Assert.Equal(expected, CSharpEncoder.Instance.Encode(value));

    [Fact]
    public void Json_writes_a_complete_string_literal() =>
        Assert.Equal("\"a\\u0022b\\nc\"", JsonEncoder.Instance.Encode("a\"b\nc"));

    [Fact]
    public void Xml_escapes_markup_and_refuses_characters_xml_cannot_hold()
    {
        Assert.Equal("&lt;a href=&quot;x&quot;&gt;&amp;&apos;]]&gt;&#xA;", XmlEncoder.Instance.Encode("<a href=\"x\">&']]>\n"));
        Assert.Throws<UnsafeValueException>(() => XmlEncoder.Instance.Encode("nul\0"));
    }

    [Fact]
    public void Html_escapes_markup() =>
        Assert.Equal("&lt;/title&gt;&lt;script&gt;&quot;&#x27;&amp;", HtmlValueEncoder.Instance.Encode("</title><script>\"'&"));

    [Fact]
    public void Dockerfile_quotes_words_escapes_expansion_and_refuses_line_breaks()
    {
        Assert.Equal("\"a \\\"b\\\" \\$HOME \\\\\"", DockerfileEncoder.Instance.Encode("a \"b\" $HOME \\"));
        Assert.Throws<UnsafeValueException>(() => DockerfileEncoder.Instance.Encode("a\nRUN x"));
    }

    [Theory]
    [InlineData("a b")]
    [InlineData("x;y")]
    [InlineData("")]
    [InlineData("{y}")]
    public void Plain_text_and_paths_accept_only_plain_tokens(string value) =>
        Assert.Throws<UnsafeValueException>(() => TokenEncoder.Instance.Encode(value));

    [Theory]
    [InlineData("k8s/deployment.yaml", typeof(YamlEncoder))]
    [InlineData("Jenkinsfile", typeof(GroovyEncoder))]
    [InlineData("Dockerfile", typeof(DockerfileEncoder))]
    [InlineData("src/Site.csproj", typeof(XmlEncoder))]
    [InlineData("src/Program.cs", typeof(CSharpEncoder))]
    [InlineData("site/index.html", typeof(HtmlValueEncoder))]
    [InlineData("src/appsettings.json", typeof(JsonEncoder))]
    [InlineData("nginx/default.conf", typeof(TokenEncoder))]
    public void The_encoder_follows_the_file_name(string fileName, Type encoder) =>
        Assert.IsType(encoder, OutputFormats.ForFile(fileName));
}
