using G7Flows.Workflows.Disclosures.Screening;

namespace G7Flows.Workflows.Tests.Disclosures.Screening;

/// <summary>An excerpt shows where a finding is without repeating what was flagged.</summary>
public sealed class ExcerptMaskingTests
{
    private const string Mask = "█";

    [Theory]
    [InlineData("Please call +44 20 7946 0958 before the exercise starts on Monday.", "+44 20 7946 0958", "GB")]
    [InlineData("Questions to jane.doe@forces.gc.ca until the end of the comment period.", "jane.doe@forces.gc.ca", "CA")]
    [InlineData("TOP SECRET//NOFORN", "TOP SECRET", "US")]
    [InlineData("TOP SECRET//NOFORN", "NOFORN", "US")]
    [InlineData("SECRET//REL TO USA, GBR", "REL TO USA, GBR", "US")]
    [InlineData("(S//NF) The evacuation route runs through the northern valley.", "(S//NF)", "US")]
    [InlineData("VS-Nur für den Dienstgebrauch", "Dienstgebrauch", "DE")]
    [InlineData("本報告書は【極秘】扱いとする。", "極秘", "JP")]
    [InlineData("The annex, marked SECRET//NOFORN, stays with the ministry and is not released.", "SECRET", "US")]
    public void No_excerpt_repeats_the_flagged_text(string text, string sensitive, string nation)
    {
        // Act
        var result = DisclosureScreener.Screen(text, nation);

        // Assert
        Assert.NotEmpty(result.Findings);
        ScreeningAssert.Masked(result, sensitive);
        Assert.All(result.Findings, f => Assert.Contains(Mask, f.Excerpt, StringComparison.Ordinal));
    }

    [Fact]
    public void An_excerpt_keeps_the_words_around_the_finding_and_masks_it_character_for_character()
    {
        // Act
        var result = DisclosureScreener.Screen("Please call +44 20 7946 0958 before the exercise starts on Monday.", "GB");

        // Assert
        Assert.Equal("Please call ████████████████ before the exer…", Assert.Single(result.Findings).Excerpt);
    }

    [Fact]
    public void An_excerpt_is_cut_on_both_sides_of_a_long_line()
    {
        // Arrange
        string text = "The partners agreed that the evacuation exercise contact is jane.doe@forces.gc.ca for all questions from civil society.";

        // Act
        var result = DisclosureScreener.Screen(text, "CA");

        // Assert
        Assert.Equal("…cise contact is █████████████████████ for all questio…", Assert.Single(result.Findings).Excerpt);
    }

    [Fact]
    public void An_excerpt_masks_other_findings_in_its_window_too()
    {
        // Act
        var result = DisclosureScreener.Screen("Tel. +1 613 555 0142 or jane.doe@forces.gc.ca", "CA");

        // Assert
        Assert.Equal(2, result.Findings.Count);
        Assert.All(result.Findings, f =>
        {
            Assert.DoesNotContain("613", f.Excerpt, StringComparison.Ordinal);
            Assert.DoesNotContain("jane", f.Excerpt, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void An_excerpt_is_one_line_without_control_characters()
    {
        // Act
        var result = DisclosureScreener.Screen("Intro line.\r\n\tTel.\t+1 613 555 0142\t(office)\r\nNext line.", "CA");

        // Assert
        string excerpt = Assert.Single(result.Findings).Excerpt;
        Assert.Equal(" Tel. ███████████████ (office)", excerpt);
        Assert.DoesNotContain(excerpt, char.IsControl);
    }

    [Fact]
    public void An_excerpt_does_not_split_a_surrogate_pair()
    {
        // Arrange: counted in code units, the context before the address starts inside the first emoji
        string text = "C" + string.Concat(Enumerable.Repeat("\U0001F4E7", 8)) + " jane.doe@forces.gc.ca";

        // Act
        var result = DisclosureScreener.Screen(text, "CA");

        // Assert
        string excerpt = Assert.Single(result.Findings).Excerpt;
        Assert.Equal("…" + string.Concat(Enumerable.Repeat("\U0001F4E7", 8)) + " █████████████████████", excerpt);
        for (int i = 0; i < excerpt.Length; i++)
        {
            Assert.False(char.IsLowSurrogate(excerpt[i]) && (i == 0 || !char.IsHighSurrogate(excerpt[i - 1])), $"Lone low surrogate at {i}");
            Assert.False(char.IsHighSurrogate(excerpt[i]) && (i + 1 == excerpt.Length || !char.IsLowSurrogate(excerpt[i + 1])), $"Lone high surrogate at {i}");
        }
    }
}
