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

        // One pass over the facts: each adds to the overall figures and to those of every nation it concerns.
        var overall = new Tally();
        var nations = Nations.All.ToDictionary(n => n, _ => new Tally(), StringComparer.Ordinal);
        foreach (ConsultationFact c in facts.Consultations)
        {
            overall.Add(c);
            foreach (string nation in c.Answers.Select(a => a.Nation).Distinct(StringComparer.Ordinal))
            {
                if (nations.TryGetValue(nation, out Tally? tally))
                {
                    tally.Add(c);
                }
            }

            foreach (NationAnswer a in c.Answers)
            {
                overall.Add(a);
                if (nations.TryGetValue(a.Nation, out Tally? tally))
                {
                    tally.Add(a);
                }
            }
        }

        foreach (DisclosureFact d in facts.Disclosures)
        {
            overall.Add(d);
            if (nations.TryGetValue(d.Nation, out Tally? tally))
            {
                tally.Add(d);
            }
        }

        NationFigures overallFigures = overall.Figures(PeriodReport.AllNations, withExpenditure: false);
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
            Headlines(overallFigures, previous?.Overall),
            overallFigures,
            [.. Nations.All.Select(n => nations[n].Figures(n, withExpenditure: true))],
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

    /// <summary>The running counts of one nation (or of all), filled in one pass over the facts.</summary>
    private sealed class Tally
    {
        private readonly Dictionary<string, int> byKind = WireNames.KindNames.ToDictionary(k => k, _ => 0, StringComparer.Ordinal);
        private readonly Dictionary<string, int> byOutcome = Outcomes.ToDictionary(o => o, _ => 0, StringComparer.Ordinal);
        private readonly List<double> hours = [];
        private readonly List<double> leadDays = [];
        private int held;
        private int exercises;
        private int arrangements;
        private int asked;
        private int onTime;
        private int late;
        private int silent;
        private int disclosures;
        private int published;
        private int rejected;
        private int withdrawn;
        private int revisions;
        private int commentsReceived;
        private int commentsPublished;
        private DisclosureFact? expenditure;

        public void Add(ConsultationFact c)
        {
            this.held++;
            if (this.byKind.TryGetValue(c.Kind, out int kinds))
            {
                this.byKind[c.Kind] = kinds + 1;
            }

            string outcome = c.Outcome.ToLowerInvariant();
            if (this.byOutcome.TryGetValue(outcome, out int outcomes))
            {
                this.byOutcome[outcome] = outcomes + 1;
            }

            if (IsAdopted(c))
            {
                this.exercises += c.Kind == JointExercise ? 1 : 0;
                this.arrangements += c.Kind == InformationSharing ? 1 : 0;
            }
        }

        public void Add(NationAnswer a)
        {
            this.asked++;
            switch (a.Timing)
            {
                case AnswerTimings.OnTime:
                    this.onTime++;
                    if (a.SecondsToAnswer is { } seconds)
                    {
                        this.hours.Add(seconds / 3600);
                    }

                    break;
                case AnswerTimings.Late:
                    this.late++;
                    break;
                default:
                    this.silent++;
                    break;
            }
        }

        public void Add(DisclosureFact d)
        {
            this.disclosures++;
            this.revisions += d.Revisions;
            this.commentsReceived += d.CommentsReceived;
            this.commentsPublished += d.CommentsPublished;
            switch (d.Outcome)
            {
                case DisclosureOutcomes.Published:
                    this.published++;
                    if (d.PublishedAt is { } at)
                    {
                        this.leadDays.Add((at - d.SubmittedAt).TotalDays);

                        // The nation's latest published expenditure figures (ties: the smallest id, for a stable report).
                        if (d.Kind == DisclosureOutcomes.MilitaryExpenditureKind && d.GdpSharePercent is not null
                            && (this.expenditure is null || at > this.expenditure.PublishedAt
                                || (at == this.expenditure.PublishedAt && string.CompareOrdinal(d.Id, this.expenditure.Id) < 0)))
                        {
                            this.expenditure = d;
                        }
                    }

                    break;
                case DisclosureOutcomes.Rejected:
                    this.rejected++;
                    break;
                case DisclosureOutcomes.Withdrawn:
                    this.withdrawn++;
                    break;
            }
        }

        public NationFigures Figures(string nation, bool withExpenditure)
        {
            var consultations = new ConsultationFigures(this.held, this.byKind, this.byOutcome, this.exercises, this.arrangements);
            var responses = new ResponseFigures(
                this.asked,
                this.onTime,
                this.late,
                this.silent,
                this.asked == 0 ? null : Round((double)this.onTime / this.asked),
                Round(Percentiles.Of(this.hours, 0.5)),
                Round(Percentiles.Of(this.hours, 0.9)));
            var disclosureFigures = new DisclosureFigures(
                this.disclosures,
                this.published,
                this.rejected,
                this.withdrawn,
                Round(Percentiles.Of(this.leadDays, 0.5)),
                this.disclosures == 0 ? null : Round((double)this.revisions / this.disclosures),
                this.commentsReceived,
                this.commentsPublished);

            // The nation's own figures only: an overall share of GDP across nations would mean nothing.
            ExpenditureShare? share = !withExpenditure || this.expenditure is not { } e ? null : new ExpenditureShare(
                e.Id,
                e.Title,
                e.GdpSharePercent!.Value,
                e.EquipmentSharePercent,
                e.GdpSharePercent.Value >= (double)(ExpenditureGuidelines.GdpShare * 100),
                e.EquipmentSharePercent is null ? null : e.EquipmentSharePercent.Value >= (double)(ExpenditureGuidelines.EquipmentShare * 100));
            return new NationFigures(nation, consultations, responses, disclosureFigures, share);
        }
    }

    private static bool IsAdopted(ConsultationFact c) => c.Outcome.Equals("adopted", StringComparison.OrdinalIgnoreCase);

    private static double? Round(double? value) => value is null ? null : Math.Round(value.Value, 3, MidpointRounding.AwayFromZero);
}
