using G7Flows.Workflows.Disclosures.Publishing;

namespace G7Flows.Workflows.Tests.Disclosures.Publishing;

public sealed class PublicDisclosureIdsTests
{
    [Theory]
    [InlineData("d-2026-0001")]
    [InlineData("abcdefghijklmnopqrstuvwxyz")]
    [InlineData("A_b-9")]
    [InlineData("x")]
    [InlineData("x123456789012345678901234567890123456789012345678901234567890123")]
    public void Letters_digits_hyphens_and_underscores_up_to_64_make_an_id(string id)
    {
        // Act and Assert
        Assert.True(PublicDisclosureIds.IsWellFormed(id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("feed.atom")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("a%2Fb")]
    [InlineData("a b")]
    [InlineData("<script>")]
    [InlineData("é")]
    [InlineData("x1234567890123456789012345678901234567890123456789012345678901234")]
    public void Anything_else_is_not_an_id(string? id)
    {
        // Act and Assert
        Assert.False(PublicDisclosureIds.IsWellFormed(id));
    }
}
