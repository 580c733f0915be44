using Provisioner.Workflow.Model;

namespace Provisioner.Workflow.Tests.Model;

/// <summary>The names a site gets everywhere: readable, valid DNS labels, and never shared by two domains.</summary>
public sealed class SiteIdentityTests
{
    [Fact]
    public void A_domain_without_hyphens_keeps_its_readable_name()
    {
        var site = SiteIdentity.For("shop.example.com", "sites");

        Assert.Equal("shop-example-com", site.AppName);
        Assert.Equal("sites/shop.example.com", site.RepositoryPath);
        Assert.Equal("sites", site.Namespace);
    }

    [Theory]
    [InlineData("a-b.example.com", "a.b-example.com")]
    [InlineData("shop-example.com", "shop.example.com")]
    [InlineData("x-y-z.example.com", "x.y-z.example.com")]
    public void Domains_that_differ_only_in_dots_and_hyphens_get_different_names(string one, string other) =>
        Assert.NotEqual(SiteIdentity.For(one, "sites").AppName, SiteIdentity.For(other, "sites").AppName);

    [Fact]
    public void Long_domains_get_a_hashed_label_of_at_most_63_characters()
    {
        var first = SiteIdentity.For(string.Join('.', Enumerable.Repeat("abcdefghij", 8)) + ".com", "sites");
        var second = SiteIdentity.For(string.Join('.', Enumerable.Repeat("abcdefghij", 8)) + ".org", "sites");

        Assert.InRange(first.AppName.Length, 1, 63);
        Assert.Matches("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", first.AppName);
        Assert.NotEqual(first.AppName, second.AppName);
    }
}
