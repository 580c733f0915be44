using System.Text;
using Provisioner.GitHub.Webhooks;

namespace Provisioner.GitHub.Tests.Webhooks;

/// <summary>The one HMAC implementation: GitHub's documented example, and only GitHub's exact shape verifies.</summary>
public sealed class WebhookSignatureTests
{
    [Fact]
    public void Sign_matches_GitHubs_documented_example()
    {
        // docs.github.com "Validating webhook deliveries": secret "It's a Secret to Everybody", payload "Hello, World!".
        Assert.Equal("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
            WebhookSignature.Sign("It's a Secret to Everybody", "Hello, World!"u8));
    }

    [Theory]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", true)]
    [InlineData("sha256=757107EA0EB2509FC211221CCE984B8A37570B6D7586C22C46F4379C8B043E17", false)]
    [InlineData("SHA256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", false)]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1", false)]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17 ", false)]
    [InlineData("sha256=z57107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", false)]
    [InlineData("sha1=01dc10d0c83e72ed246219cdd91669667fe2ca59", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_the_exact_signature_of_the_exact_body_verifies(string? header, bool valid)
    {
        Assert.Equal(valid, WebhookSignature.IsValid("It's a Secret to Everybody", "Hello, World!"u8, header));
        Assert.False(WebhookSignature.IsValid("It's a Secret to Everybody", Encoding.UTF8.GetBytes("Hello, World?"), header));
        Assert.False(WebhookSignature.IsValid("another secret", "Hello, World!"u8, header));
    }
}
