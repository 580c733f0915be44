using Provisioner.Workflow.Model;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Workflow.Tests.Model;

/// <summary>A provision id names its domain's lock, so an id resolves without a search.</summary>
public sealed class ProvisionIdTests
{
    [Fact]
    public void An_id_is_prv_then_the_domains_key_then_random_digits()
    {
        var id = ProvisionId.New("shop.example.com");

        Assert.Matches("^prv-[0-9a-f]{32}$", id);
        Assert.True(ProvisionId.IsValid(id));
        Assert.StartsWith(ProvisionId.PrefixFor("shop.example.com"), id, StringComparison.Ordinal);
        Assert.NotEqual(id, ProvisionId.New("shop.example.com"));
    }

    [Fact]
    public void Every_provision_of_a_domain_names_the_domains_one_lock()
    {
        var lockId = DomainLock.InstanceIdFor("shop.example.com");

        Assert.All(Enumerable.Range(0, 20), _ => Assert.Equal(lockId, DomainLock.InstanceIdOf(ProvisionId.New("shop.example.com"))));
        Assert.NotEqual(lockId, DomainLock.InstanceIdFor("shop.example.org"));
        Assert.DoesNotContain("shop.example.com", lockId, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("prv-")]
    [InlineData("prv-0123456789abcdef0123456789ABCDEF")]
    [InlineData("domain-lock:0123456789abcdef")]
    [InlineData("../etc/passwd")]
    public void Anything_else_is_not_an_id_and_names_no_lock(string value)
    {
        Assert.False(ProvisionId.IsValid(value));
        Assert.Throws<ArgumentException>(() => DomainLock.InstanceIdOf(value));
    }
}
