using System.Text;
using G7Flows.Workflows.Reports.Domain;
using G7Flows.Workflows.Reports.Facts;
using G7Flows.Workflows.Reports.Publishing;
using static G7Flows.Workflows.Tests.Reports.FactBuilder;

namespace G7Flows.Workflows.Tests.Reports.Publishing;

public sealed class ReportCsvTests
{
    private static PeriodReport Report() => ReportCalculator.Compute(
        ReportPeriod.Month(2026, 11),
        new PeriodFacts(
            [Consultation("c1", "joint-exercise", "Adopted", "FR:approve:1.5h", "DE:approve:2h")],
            [Disclosure("d1", "US", DisclosureOutcomes.Published, kind: DisclosureOutcomes.MilitaryExpenditureKind, gdp: 3.4, equipment: 28)]),
        null,
        new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero));

    private static string[] Lines(byte[] csv)
    {
        string text = new UTF8Encoding(false).GetString(csv);
        Assert.StartsWith("\uFEFF", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", text.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        return text[1..^2].Split("\r\n");
    }

    [Fact]
    public void The_csv_has_a_header_then_one_row_per_nation_and_metric_with_crlf_and_a_byte_order_mark()
    {
        // Arrange
        PeriodReport report = Report();

        // Act
        string[] lines = Lines(ReportCsv.Serialize(report));

        // Assert
        Assert.Equal("period,nation,section,metric,value", lines[0]);
        Assert.All(lines, l => Assert.Equal(5, l.Split(',').Length));
        Assert.Equal(ReportCsv.Rows(report).Count() + 1, lines.Length);
        var keys = lines.Skip(1).Select(l => string.Join(',', l.Split(',')[1..4])).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Contains("2026-11,FR,consultations,held,1", lines);
        Assert.Contains("2026-11,FR,responses,medianHoursToAnswer,1.5", lines);
        Assert.Contains("2026-11,ALL,consultations,outcome.adopted,1", lines);
        Assert.Contains("2026-11,CA,consultations,held,0", lines);
        Assert.Contains("2026-11,CA,responses,medianHoursToAnswer,", lines);
        Assert.Contains("2026-11,US,expenditure,gdpSharePercent,3.4", lines);
        Assert.Contains("2026-11,US,expenditure,meetsGdpGuideline,true", lines);
        Assert.Contains("2026-11,ALL,headline,consultationsHeld,1", lines);
        Assert.Contains("2026-11,ALL,headline,consultationsHeld.previous,", lines);
    }

    [Fact]
    public void Every_nation_and_the_overall_figures_have_the_same_metrics_apart_from_expenditure()
    {
        // Act
        var metrics = ReportCsv.Rows(Report())
            .Where(r => r.Section is not "headline" and not "expenditure")
            .GroupBy(r => r.Nation)
            .ToDictionary(g => g.Key, g => g.Select(r => r.Section + "." + r.Metric).ToList());

        // Assert
        Assert.Equal(9, metrics.Count);
        Assert.All(metrics.Values, m => Assert.Equal(metrics["ALL"], m));
    }

    [Fact]
    public void A_value_with_a_comma_or_quote_would_be_quoted_as_RFC_4180_says()
    {
        // Arrange: periods and metrics are fixed words; a nation code is the one free-text column, so probe with one.
        PeriodReport report = Report() with { Overall = Report().Overall with { Nation = "A,\"B\"" } };

        // Act
        string[] lines = Lines(ReportCsv.Serialize(report));

        // Assert
        Assert.Contains(lines, l => l.StartsWith("2026-11,\"A,\"\"B\"\"\",consultations,held,", StringComparison.Ordinal));
    }
}
