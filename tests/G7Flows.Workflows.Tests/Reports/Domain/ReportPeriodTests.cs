using G7Flows.Workflows.Reports.Domain;

namespace G7Flows.Workflows.Tests.Reports.Domain;

public sealed class ReportPeriodTests
{
    [Theory]
    [InlineData("2026-11", "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z", "2026-10")]
    [InlineData("2026-12", "2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z", "2026-11")]
    [InlineData("2027-01", "2027-01-01T00:00:00Z", "2027-02-01T00:00:00Z", "2026-12")]
    [InlineData("2028-02", "2028-02-01T00:00:00Z", "2028-03-01T00:00:00Z", "2028-01")]
    [InlineData("2026-Q4", "2026-10-01T00:00:00Z", "2027-01-01T00:00:00Z", "2026-Q3")]
    [InlineData("2027-Q1", "2027-01-01T00:00:00Z", "2027-04-01T00:00:00Z", "2026-Q4")]
    [InlineData("2026-Q2", "2026-04-01T00:00:00Z", "2026-07-01T00:00:00Z", "2026-Q1")]
    public void A_period_spans_its_calendar_months_in_UTC_and_knows_the_one_before(string text, string start, string end, string previous)
    {
        // Act
        Assert.True(ReportPeriod.TryParse(text, out ReportPeriod period));

        // Assert
        Assert.Equal(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), period.Start);
        Assert.Equal(DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture), period.End);
        Assert.Equal(TimeSpan.Zero, period.Start.Offset);
        Assert.Equal(previous, period.Previous.ToString());
        Assert.Equal(text, period.ToString());
    }

    [Fact]
    public void A_quarter_covers_three_month_partitions_and_a_month_one()
    {
        // Act and Assert
        Assert.Equal(["2026-10", "2026-11", "2026-12"], ReportPeriod.Quarter(2026, 4).Months);
        Assert.Equal(["2026-11"], ReportPeriod.Month(2026, 11).Months);
    }

    [Theory]
    [InlineData("2026-12-01T06:00:00Z", PeriodKind.Month, "2026-11")]
    [InlineData("2027-01-01T06:00:00Z", PeriodKind.Month, "2026-12")]
    [InlineData("2026-12-01T00:00:00Z", PeriodKind.Month, "2026-11")]
    [InlineData("2026-11-30T23:59:59Z", PeriodKind.Month, "2026-10")]
    [InlineData("2026-11-15T12:00:00Z", PeriodKind.Month, "2026-10")]
    [InlineData("2027-01-01T06:00:00Z", PeriodKind.Quarter, "2026-Q4")]
    [InlineData("2026-12-31T23:00:00Z", PeriodKind.Quarter, "2026-Q3")]
    [InlineData("2027-04-01T00:00:00Z", PeriodKind.Quarter, "2027-Q1")]

    // Local offsets are read in UTC: 1 December 00:30 in Paris is still 30 November in UTC.
    [InlineData("2026-12-01T00:30:00+01:00", PeriodKind.Month, "2026-10")]
    [InlineData("2026-11-30T20:00:00-05:00", PeriodKind.Month, "2026-11")]
    [InlineData("2027-01-01T08:00:00+09:00", PeriodKind.Quarter, "2026-Q3")]
    public void A_run_reports_on_the_latest_period_that_has_ended_in_UTC(string at, PeriodKind kind, string expected)
    {
        // Act
        ReportPeriod period = ReportPeriod.LastEndedBy(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture), kind);

        // Assert
        Assert.Equal(expected, period.ToString());
        Assert.True(period.HasEnded(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_period_has_ended_exactly_at_its_end()
    {
        // Arrange
        ReportPeriod november = ReportPeriod.Month(2026, 11);

        // Act and Assert
        Assert.False(november.HasEnded(november.End.AddTicks(-1)));
        Assert.True(november.HasEnded(november.End));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("2026-1")]
    [InlineData("2026-011")]
    [InlineData("2026-Q5")]
    [InlineData("2026-Q0")]
    [InlineData("2026-q4")]
    [InlineData(" 2026-11")]
    [InlineData("2026/11")]
    [InlineData("1999-12")]
    [InlineData("9999-01")]
    [InlineData("9999-Q4")]
    [InlineData("+202-11")]
    [InlineData("２０２６-11")]
    [InlineData("2026-11\n")]
    public void Anything_but_a_month_or_a_quarter_is_not_a_period(string? text)
    {
        // Act and Assert
        Assert.False(ReportPeriod.TryParse(text, out _));
    }

    [Fact]
    public void Periods_are_equal_by_value()
    {
        // Act and Assert
        Assert.True(ReportPeriod.TryParse("2026-11", out var a));
        Assert.Equal(ReportPeriod.Month(2026, 11), a);
        Assert.NotEqual(ReportPeriod.Quarter(2026, 4), ReportPeriod.Containing(new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero), PeriodKind.Month));
    }
}
