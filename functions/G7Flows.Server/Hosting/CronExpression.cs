using NCrontab;

namespace G7Flows.Server.Hosting;

/// <summary>
/// A timer schedule as the Azure Functions timer trigger reads it: an NCRONTAB expression (the same parser package
/// the Functions host uses) with six fields, seconds first, or five fields without seconds; times in UTC.
/// </summary>
public sealed class CronExpression
{
    private readonly CrontabSchedule schedule;

    private CronExpression(string text, CrontabSchedule schedule)
    {
        this.Text = text;
        this.schedule = schedule;
    }

    public string Text { get; }

    public static CronExpression Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);

        // As the Functions host decides: anything but five fields is read with seconds.
        bool seconds = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 5;
        CrontabSchedule? schedule = CrontabSchedule.TryParse(text, new CrontabSchedule.ParseOptions { IncludingSeconds = seconds });
        return schedule is null
            ? throw new FormatException($"'{text}' is not an NCRONTAB expression (six fields: second minute hour day month day-of-week).")
            : new CronExpression(text, schedule);
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, in UTC.</summary>
    public DateTimeOffset Next(DateTimeOffset after) =>
        new(DateTime.SpecifyKind(this.schedule.GetNextOccurrence(after.UtcDateTime), DateTimeKind.Utc));

    /// <summary>The next <paramref name="count"/> occurrences after <paramref name="after"/>.</summary>
    public IReadOnlyList<DateTimeOffset> Next(DateTimeOffset after, int count)
    {
        var occurrences = new List<DateTimeOffset>(count);
        DateTimeOffset at = after;
        for (int i = 0; i < count; i++)
        {
            at = this.Next(at);
            occurrences.Add(at);
        }

        return occurrences;
    }
}
