using Azure;
using Azure.Security.KeyVault.Secrets;
using Moq;

namespace Provisioner.Azure.Tests.TestDoubles;

/// <summary>A Moq <see cref="SecretClient"/> (its methods are virtual) answering like Key Vault.</summary>
internal sealed class FakeKeyVault
{
    public static readonly Uri VaultUri = new("https://kv-test.vault.azure.net/");

    public FakeKeyVault()
    {
        Mock.SetupGet(client => client.VaultUri).Returns(VaultUri);
    }

    public Mock<SecretClient> Mock { get; } = new(MockBehavior.Strict);

    public SecretClient Client => Mock.Object;

    public void Returns(string secretName, string value) =>
        Mock.Setup(client => client.GetSecretAsync(secretName, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Response.FromValue(
                SecretModelFactory.KeyVaultSecret(SecretModelFactory.SecretProperties(vaultUri: VaultUri, name: secretName), value),
                new Mock<Response>().Object));

    public void Throws(string secretName, Exception exception) =>
        Mock.Setup(client => client.GetSecretAsync(secretName, null, It.IsAny<CancellationToken>()))
            .ThrowsAsync(exception);

    public void VerifyReads(string secretName, int times) =>
        Mock.Verify(client => client.GetSecretAsync(secretName, null, It.IsAny<CancellationToken>()), Times.Exactly(times));

    public void VerifyNoReads() =>
        Mock.Verify(client => client.GetSecretAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
}
