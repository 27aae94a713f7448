using G7Flows.Workflows.Disclosures.Screening;

namespace G7Flows.Workflows.Tests.Disclosures.Screening;

/// <summary>Lines and columns are 1-based; columns count UTF-16 code units; lines end at LF, CRLF or CR.</summary>
public sealed class FindingPositionTests
{
    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Lines_end_at_any_line_terminator(string newline)
    {
        // Arrange
        string text = string.Join(newline, "Exercise report", "", "Contact: jane.doe@forces.gc.ca", "SECRET", "  (S) The plan.", "Tel. +1 613 555 0142");

        // Act
        var result = DisclosureScreener.Screen(text, "CA");

        // Assert
        Assert.Equal(
            [(FindingKinds.EmailAddress, 3, 10), (FindingKinds.ClassificationMarking, 4, 1), (FindingKinds.ClassificationMarking, 5, 3), (FindingKinds.PhoneNumber, 6, 6)],
            result.Findings.Select(f => (f.Kind, f.Line, f.Column)));
    }

    [Fact]
    public void A_column_counts_utf16_code_units()
    {
        // Arrange: the emoji before the address is two code units, the accented letter one
        string text = "\U0001F4E7 é jane.doe@forces.gc.ca";

        // Act
        var result = DisclosureScreener.Screen(text, "CA");

        // Assert
        Assert.Equal(6, Assert.Single(result.Findings).Column);
    }

    [Fact]
    public void Findings_are_ordered_by_line_and_column()
    {
        // Arrange
        string text = "Tel. +44 20 7946 0958 or j.smith@mod.gov.uk\nTOP SECRET//UK EYES ONLY\n(S) Para.";

        // Act
        var result = DisclosureScreener.Screen(text, "GB");

        // Assert
        Assert.Equal(
            [(1, 6), (1, 26), (2, 1), (2, 13), (3, 1)],
            result.Findings.Select(f => (f.Line, f.Column)));
        Assert.Equal(result.Findings.OrderBy(f => f.Line).ThenBy(f => f.Column), result.Findings);
    }

    [Fact]
    public void The_same_marking_found_by_several_rules_is_one_finding()
    {
        // Arrange: a banner line that is also the first line and a control line
        string text = "TOP SECRET//NOFORN\nBody.";

        // Act
        var result = DisclosureScreener.Screen(text, "US");

        // Assert
        Assert.Equal([FindingKinds.ClassificationMarking, FindingKinds.HandlingCaveat], result.Findings.Select(f => f.Kind));
    }

    [Fact]
    public void An_empty_text_has_no_finding()
    {
        ScreeningAssert.Clean(DisclosureScreener.Screen(string.Empty, "US"));
        ScreeningAssert.Clean(DisclosureScreener.Screen("\n\r\n\n", "JP"));
    }

    [Theory]
    [InlineData("gb")]
    [InlineData("UK")]
    [InlineData("NATO")]
    [InlineData("")]
    public void An_unknown_nation_is_refused(string nation)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DisclosureScreener.Screen("text", nation));
    }

    [Fact]
    public void Null_arguments_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => DisclosureScreener.Screen(null!, "US"));
        Assert.Throws<ArgumentNullException>(() => DisclosureScreener.Screen("text", null!));
    }

    [Fact]
    public void Every_participant_is_a_nation_the_screener_accepts()
    {
        Assert.Equal(new[] { "CA", "DE", "EU", "FR", "GB", "IT", "JP", "US" }, DisclosureScreener.Nations.Order(StringComparer.Ordinal));
    }
}
