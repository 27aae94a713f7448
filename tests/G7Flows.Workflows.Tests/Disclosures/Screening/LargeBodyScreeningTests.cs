using System.Text;
using G7Flows.Workflows.Disclosures.Screening;

namespace G7Flows.Workflows.Tests.Disclosures.Screening;

/// <summary>A body of the largest size a disclosure may have (200,000 characters) is screened whole.</summary>
public sealed class LargeBodyScreeningTests
{
    private const int MaxBody = 200_000;

    private static readonly string[] Paragraphs =
    [
        "In 2025 the partners spent 2,900,000,000,000 in national currency, 2.1 % of GDP, as set out in section 3.2.1.",
        "The Secretary-General welcomed the report; delegates voted by secret ballot on 24.06.2025 at 10:30.",
        "| Personnel | 12 345 678 901 | 4 567 890 123 | 1.234.567.890 | 2024 | 2025 |",
        "Die Verhandlungen blieben streng geheim; il segreto di Stato non è stato opposto; 秘書官が出席した。",
        "Reference UN doc A/79/123, file 2025/0142/001, ISBN 978-3-16-148410-0, paragraphs 12–14 of Article 5(1)(a).",
        "",
    ];

    [Theory]
    [InlineData("US")]
    [InlineData("EU")]
    [InlineData("JP")]
    public void A_maximal_body_is_screened_and_the_planted_findings_are_at_their_lines(string nation)
    {
        // Arrange: ordinary text with a marking, a caveat, an address and a number planted at known lines
        var lines = new List<string>();
        var sb = new StringBuilder();
        while (sb.Length < MaxBody - 200)
        {
            string line = Paragraphs[lines.Count % Paragraphs.Length];
            lines.Add(line);
            sb.Append(line).Append('\n');
        }

        int portion = 101, banner = lines.Count / 2, email = (lines.Count * 3) / 4, phone = lines.Count - 10;
        lines[portion - 1] = "(S//NF) The evacuation route runs through the northern valley.";
        lines[banner - 1] = "SECRET";
        lines[email - 1] = "Comments to the duty officer, planted.person@forces.gc.ca, until Friday.";
        lines[phone - 1] = "The duty officer answers on +44 20 7946 0958 at any time.";
        string text = string.Join('\n', lines);
        Assert.InRange(text.Length, MaxBody - 400, MaxBody);

        // Act
        var result = DisclosureScreener.Screen(text, nation);

        // Assert
        Assert.Equal(
            [
                (FindingKinds.ClassificationMarking, portion, 1),
                (FindingKinds.HandlingCaveat, portion, 5),
                (FindingKinds.ClassificationMarking, banner, 1),
                (FindingKinds.EmailAddress, email, 31),
                (FindingKinds.PhoneNumber, phone, 29),
            ],
            result.Findings.Select(f => (f.Kind, f.Line, f.Column)));
        Assert.True(result.IsBlocked);
    }

    [Fact]
    public void A_maximal_body_of_markings_on_every_line_gives_a_finding_per_line()
    {
        // Arrange
        int count = MaxBody / "SECRET//NOFORN\n".Length;
        string text = string.Concat(Enumerable.Repeat("SECRET//NOFORN\n", count));

        // Act
        var result = DisclosureScreener.Screen(text, "US");

        // Assert
        Assert.Equal(2 * count, result.Findings.Count);
        Assert.Equal(Enumerable.Range(1, count), result.Findings.Where(f => f.Kind == FindingKinds.HandlingCaveat).Select(f => f.Line));
    }

    [Theory]
    [InlineData("(")]
    [InlineData("/")]
    [InlineData("a.a@a.")]
    [InlineData("0-")]
    [InlineData("【秘")]
    [InlineData("SECRET ")]
    public void A_maximal_body_of_one_repeated_fragment_is_screened(string fragment)
    {
        // Arrange: inputs that make naive patterns backtrack or scanners quadratic
        string text = string.Concat(Enumerable.Repeat(fragment, MaxBody / fragment.Length));

        // Act
        var result = DisclosureScreener.Screen(text, "EU");

        // Assert
        Assert.All(result.Findings, f => Assert.Equal(1, f.Line));
    }
}
