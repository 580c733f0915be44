using Provisioner.Workflow.Validation;

namespace Provisioner.Workflow.Tests.Validation;

/// <summary>What counts as the same domain, and what a valid domain looks like.</summary>
public sealed class DomainNormalizationTests
{
    [Theory]
    [InlineData("a.io")]
    [InlineData("xn--bcher-kva.example.com")]
    [InlineData("1and1.com")]
    [InlineData("shop-eu-1.example.co.uk")]
    public void Valid_host_names_pass(string domain) => Assert.Null(DomainName.Validate(domain, [], out _));

    [Fact]
    public void The_longest_valid_domain_has_253_characters()
    {
        var domain = string.Join('.', Enumerable.Repeat(new string('a', 63), 3)) + "." + new string('b', 61);
        Assert.Equal(253, domain.Length);
        Assert.Null(DomainName.Validate(domain, [], out _));
    }

    [Fact]
    public void Allowed_parent_domains_restrict_where_a_site_may_live()
    {
        Assert.Null(DomainName.Validate("shop.example.com", ["example.com"], out _));
        var error = DomainName.Validate("shop.evil.com", ["example.com", "example.org"], out _);
        Assert.NotNull(error);
        Assert.Contains("example.com, example.org", error.Message);
        Assert.NotNull(DomainName.Validate("example.com", ["example.com"], out _));
        Assert.NotNull(DomainName.Validate("notexample.com", ["example.com"], out _));
    }
}
