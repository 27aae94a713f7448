using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Reports.Facts;

namespace G7Flows.Workflows.Reports.Domain;

/// <summary>Turns a period's fact rows into its report: pure, so every figure is tested from a table of facts.</summary>
public static class ReportCalculator
{
    /// <summary>The outcomes a consultation report counts, as in the published JSON.</summary>
    public static IReadOnlyList<string> Outcomes { get; } = ["adopted", "rejected", "expired", "withdrawn"];

    private const string JointExercise = "joint-exercise";
    private const string InformationSharing = "information-sharing";

    public static PeriodReport Compute(ReportPeriod period, PeriodFacts facts, PeriodReport? previous, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(facts);
        NationFigures overall = Figures(PeriodReport.AllNations, facts.Consultations, facts.Disclosures, n => true);
        var nations = Nations.All
            .Select(nation => Figures(
                nation,
                facts.Consultations.Where(c => c.Answers.Any(a => a.Nation == nation)),
                facts.Disclosures.Where(d => d.Nation == nation),
                a => a.Nation == nation))
            .ToList();
        var agreed = facts.Consultations
            .Where(c => IsAdopted(c) && c.Kind is JointExercise or InformationSharing)
            .OrderBy(c => c.ClosedAt).ThenBy(c => c.Id, StringComparer.Ordinal)
            .Select(c => new AgreedItem(c.Id, c.Title, c.Kind, [.. c.Answers.Select(a => a.Nation)], c.ClosedAt))
            .ToList();
        return new PeriodReport(
            PeriodReport.CurrentSchemaVersion,
            period.ToString(),
            period.Kind == PeriodKind.Month ? "month" : "quarter",
            period.Start,
            period.End,
            generatedAt,
            facts.Count,
            Headlines(overall, previous?.Overall),
            overall,
            nations,
            agreed);
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

    private static NationFigures Figures(string nation, IEnumerable<ConsultationFact> consultations, IEnumerable<DisclosureFact> disclosures, Func<NationAnswer, bool> answerCounts)
    {
        var held = consultations.ToList();
        var byKind = WireNames.KindNames.ToDictionary(k => k, k => held.Count(c => c.Kind == k), StringComparer.Ordinal);
        var byOutcome = Outcomes.ToDictionary(o => o, o => held.Count(c => c.Outcome.Equals(o, StringComparison.OrdinalIgnoreCase)), StringComparer.Ordinal);
        var consultationFigures = new ConsultationFigures(
            held.Count,
            byKind,
            byOutcome,
            held.Count(c => IsAdopted(c) && c.Kind == JointExercise),
            held.Count(c => IsAdopted(c) && c.Kind == InformationSharing));

        var answers = held.SelectMany(c => c.Answers).Where(answerCounts).ToList();
        int onTime = answers.Count(a => a.Timing == AnswerTimings.OnTime);
        var hours = answers.Where(a => a.Timing == AnswerTimings.OnTime && a.SecondsToAnswer is not null).Select(a => a.SecondsToAnswer!.Value / 3600).ToList();
        var responses = new ResponseFigures(
            answers.Count,
            onTime,
            answers.Count(a => a.Timing == AnswerTimings.Late),
            answers.Count(a => a.Timing == AnswerTimings.Silent),
            answers.Count == 0 ? null : Round((double)onTime / answers.Count),
            Round(Percentiles.Of(hours, 0.5)),
            Round(Percentiles.Of(hours, 0.9)));

        var ended = disclosures.ToList();
        var published = ended.Where(d => d.Outcome == DisclosureOutcomes.Published && d.PublishedAt is not null).ToList();
        var leadDays = published.Select(d => (d.PublishedAt!.Value - d.SubmittedAt).TotalDays).ToList();
        var disclosureFigures = new DisclosureFigures(
            ended.Count,
            ended.Count(d => d.Outcome == DisclosureOutcomes.Published),
            ended.Count(d => d.Outcome == DisclosureOutcomes.Rejected),
            ended.Count(d => d.Outcome == DisclosureOutcomes.Withdrawn),
            Round(Percentiles.Of(leadDays, 0.5)),
            ended.Count == 0 ? null : Round(ended.Average(d => (double)d.Revisions)),
            ended.Sum(d => d.CommentsReceived),
            ended.Sum(d => d.CommentsPublished));

        // The nation's own figures only: an overall share of GDP across nations would mean nothing.
        ExpenditureShare? expenditure = nation == PeriodReport.AllNations ? null : published
            .Where(d => d.Kind == DisclosureOutcomes.MilitaryExpenditureKind && d.GdpSharePercent is not null)
            .OrderByDescending(d => d.PublishedAt).ThenBy(d => d.Id, StringComparer.Ordinal)
            .Select(d => new ExpenditureShare(
                d.Id,
                d.Title,
                d.GdpSharePercent!.Value,
                d.EquipmentSharePercent,
                d.GdpSharePercent.Value >= (double)(ExpenditureGuidelines.GdpShare * 100),
                d.EquipmentSharePercent is null ? null : d.EquipmentSharePercent.Value >= (double)(ExpenditureGuidelines.EquipmentShare * 100)))
            .FirstOrDefault();

        return new NationFigures(nation, consultationFigures, responses, disclosureFigures, expenditure);
    }

    private static bool IsAdopted(ConsultationFact c) => c.Outcome.Equals("adopted", StringComparison.OrdinalIgnoreCase);

    private static double? Round(double? value) => value is null ? null : Math.Round(value.Value, 3, MidpointRounding.AwayFromZero);
}
