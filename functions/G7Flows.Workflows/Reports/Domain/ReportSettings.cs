using Microsoft.Extensions.Configuration;

namespace G7Flows.Workflows.Reports.Domain;

/// <summary>
/// The report settings both hosts read: the schedule (a six-field NCRONTAB expression, seconds first, as Azure
/// Functions timer triggers take it, in UTC) and the length of the period a scheduled run reports on.
/// </summary>
public sealed record ReportSettings(string Schedule, PeriodKind Period)
{
    /// <summary>The schedule setting; the functions app's timer trigger binds to it as <c>%G7Flows:Reports:Schedule%</c>.</summary>
    public const string ScheduleSetting = "G7Flows:Reports:Schedule";

    /// <summary><c>month</c> (default) or <c>quarter</c>.</summary>
    public const string PeriodSetting = "G7Flows:Reports:Period";

    /// <summary>06:00 UTC on the first of each month: the month that ended is reported.</summary>
    public const string DefaultSchedule = "0 0 6 1 * *";

    public static ReportSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string schedule = configuration[ScheduleSetting] is { Length: > 0 } s ? s : DefaultSchedule;
        string? period = configuration[PeriodSetting];
        PeriodKind kind = period is null or "" || period.Equals("month", StringComparison.OrdinalIgnoreCase)
            ? PeriodKind.Month
            : period.Equals("quarter", StringComparison.OrdinalIgnoreCase)
                ? PeriodKind.Quarter
                : throw new InvalidOperationException($"{PeriodSetting} must be 'month' or 'quarter', not '{period}'.");
        return new ReportSettings(schedule, kind);
    }
}
