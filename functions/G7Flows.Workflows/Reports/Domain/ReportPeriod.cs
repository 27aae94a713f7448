using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace G7Flows.Workflows.Reports.Domain;

/// <summary>How long a report's period is.</summary>
public enum PeriodKind
{
    Month,
    Quarter,
}

/// <summary>
/// A calendar month (<c>2026-11</c>) or quarter (<c>2026-Q4</c>) in UTC: the span a report covers, from its first
/// instant to the first instant of the next period (exclusive).
/// </summary>
public readonly record struct ReportPeriod
{
    private ReportPeriod(int year, PeriodKind kind, int number)
    {
        this.Year = year;
        this.Kind = kind;
        this.Number = number;
    }

    public int Year { get; }

    public PeriodKind Kind { get; }

    /// <summary>The month (1–12) or the quarter (1–4).</summary>
    public int Number { get; }

    /// <summary>The first instant of the period, UTC.</summary>
    public DateTimeOffset Start => new(this.Year, this.Kind == PeriodKind.Month ? this.Number : ((this.Number - 1) * 3) + 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The first instant after the period, UTC.</summary>
    public DateTimeOffset End => this.Start.AddMonths(this.Kind == PeriodKind.Month ? 1 : 3);

    /// <summary>The period before this one, of the same kind.</summary>
    public ReportPeriod Previous => Containing(this.Start.AddTicks(-1), this.Kind);

    /// <summary>The months the period covers, as <c>yyyy-MM</c> (fact rows are partitioned by month).</summary>
    public IReadOnlyList<string> Months
    {
        get
        {
            DateTimeOffset start = this.Start;
            return [.. Enumerable.Range(0, this.Kind == PeriodKind.Month ? 1 : 3).Select(i => start.AddMonths(i).ToString("yyyy-MM", CultureInfo.InvariantCulture))];
        }
    }

    public static ReportPeriod Month(int year, int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        return new ReportPeriod(CheckYear(year), PeriodKind.Month, month);
    }

    public static ReportPeriod Quarter(int year, int quarter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarter, 4);
        return new ReportPeriod(CheckYear(year), PeriodKind.Quarter, quarter);
    }

    /// <summary>The period of the given kind that contains <paramref name="instant"/> (taken in UTC).</summary>
    public static ReportPeriod Containing(DateTimeOffset instant, PeriodKind kind)
    {
        DateTimeOffset utc = instant.ToUniversalTime();
        return kind == PeriodKind.Month ? Month(utc.Year, utc.Month) : Quarter(utc.Year, ((utc.Month - 1) / 3) + 1);
    }

    /// <summary>The latest period of the given kind that has ended at <paramref name="instant"/>: what a run at that instant reports on.</summary>
    public static ReportPeriod LastEndedBy(DateTimeOffset instant, PeriodKind kind) => Containing(instant, kind).Previous;

    /// <summary>Whether the period is over at <paramref name="now"/>.</summary>
    public bool HasEnded(DateTimeOffset now) => this.End <= now;

    /// <summary>Reads <c>2026-11</c> or <c>2026-Q4</c>, exactly (no spaces, no lower-case q, years 2000–9998: a period of 9999 would end past the calendar).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out ReportPeriod period)
    {
        period = default;
        if (text is null || text.Length is not (7) || text[4] != '-' || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out int year) || year is < 2000 or > 9998)
        {
            return false;
        }

        if (text[5] == 'Q' && text[6] is >= '1' and <= '4')
        {
            period = Quarter(year, text[6] - '0');
            return true;
        }

        if (int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int month) && month is >= 1 and <= 12)
        {
            period = Month(year, month);
            return true;
        }

        return false;
    }

    public override string ToString() => this.Kind == PeriodKind.Month
        ? string.Create(CultureInfo.InvariantCulture, $"{this.Year:D4}-{this.Number:D2}")
        : string.Create(CultureInfo.InvariantCulture, $"{this.Year:D4}-Q{this.Number}");

    private static int CheckYear(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 2000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9998);
        return year;
    }
}
