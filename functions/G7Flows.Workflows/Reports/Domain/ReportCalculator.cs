using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Reports.Facts;

namespace G7Flows.Workflows.Reports.Domain;

/// <summary>Turns a period's fact rows into its report: pure, so every figure is tested from a table of facts.</summary>
public static class ReportCalculator
{
    /// <summary>The outcomes a consultation report counts, as in the published JSON.</summary>
    public static IReadOnlyList<string> Outcomes { get; } = ["adopted", "rejected", "expired", "withdrawn"];

    public static PeriodReport Compute(ReportPeriod period, PeriodFacts facts, PeriodReport? previous, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var tally = new ReportTally();
        foreach (ConsultationFact c in facts.Consultations)
        {
            tally.Add(c);
        }

        foreach (DisclosureFact d in facts.Disclosures)
        {
            tally.Add(d);
        }

        return Compute(period, tally, previous, generatedAt);
    }

    /// <summary>
    /// The report from running figures: those of one <see cref="ReportTally"/>, or of several filled side by side (one
    /// per partition read) and combined here. The same facts give the same report however they were split.
    /// </summary>
    public static PeriodReport Compute(ReportPeriod period, IEnumerable<ReportTally> parts, PeriodReport? previous, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var tally = new ReportTally();
        foreach (ReportTally part in parts)
        {
            tally.Merge(part);
        }

        return Compute(period, tally, previous, generatedAt);
    }

    /// <summary>The report from the running figures of every fact of the period.</summary>
    public static PeriodReport Compute(ReportPeriod period, ReportTally tally, PeriodReport? previous, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(tally);
        NationFigures overallFigures = tally.OverallFigures();
        return new PeriodReport(
            PeriodReport.CurrentSchemaVersion,
            period.ToString(),
            period.Kind == PeriodKind.Month ? "month" : "quarter",
            period.Start,
            period.End,
            generatedAt,
            tally.Count,
            Headlines(overallFigures, previous?.Overall),
            overallFigures,
            [.. Nations.All.Select((_, i) => tally.NationFigures(i))],
            tally.Agreed());
    }

    /// <summary>The headline figures of the overall figures, against the previous period's.</summary>
    public static IReadOnlyList<Headline> Headlines(NationFigures current, NationFigures? previous)
    {
        ArgumentNullException.ThrowIfNull(current);
        (string Name, string Label, Func<NationFigures, double?> Value)[] table =
        [
            ("consultationsHeld", "Consultations held", f => f.Consultations.Held),
            ("consultationsAdopted", "Consultations adopted", f => f.Consultations.ByOutcome["adopted"]),
            ("exercisesAgreed", "Joint exercises agreed", f => f.Consultations.ExercisesAgreed),
            ("arrangementsAgreed", "Information-sharing arrangements agreed", f => f.Consultations.ArrangementsAgreed),
            ("answersOnTimeShare", "Share of answers on time", f => f.Responses.OnTimeShare),
            ("medianHoursToAnswer", "Median hours to answer", f => f.Responses.MedianHoursToAnswer),
            ("disclosuresPublished", "Disclosures published", f => f.Disclosures.Published),
            ("medianDaysToPublish", "Median days from submission to publication", f => f.Disclosures.MedianDaysToPublish),
        ];
        return [.. table.Select(h =>
        {
            double? value = h.Value(current);
            double? before = previous is null ? null : h.Value(previous);
            return new Headline(h.Name, h.Label, value, before, value is null || before is null ? null : Round(value.Value - before.Value));
        })];
    }

    internal static double? Round(double? value) => value is null ? null : Math.Round(value.Value, 3, MidpointRounding.AwayFromZero);
}
