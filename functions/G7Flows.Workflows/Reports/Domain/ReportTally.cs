using System.Collections.Frozen;
using System.Runtime.InteropServices;
using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Reports.Facts;

namespace G7Flows.Workflows.Reports.Domain;

/// <summary>
/// The running figures of a period, filled one fact at a time as the rows are read (no list of every fact is kept), and
/// combined with <see cref="Merge"/> when several were filled side by side. <see cref="ReportCalculator"/> turns them
/// into the report. Each fact adds to the overall figures and to those of every known nation it concerns; the codes of
/// a consultation (kind, outcome) are looked up once per fact, not once per nation.
/// </summary>
public sealed class ReportTally : IFactSink
{
    private const string JointExercise = "joint-exercise";
    private const string InformationSharing = "information-sharing";

    private static readonly string[] KindNames = [.. WireNames.KindNames];
    private static readonly FrozenDictionary<string, int> KindIndex = KindNames.Index().ToFrozenDictionary(k => k.Item, k => k.Index, StringComparer.Ordinal);
    private static readonly FrozenDictionary<string, int> NationIndex = Nations.All.Index().ToFrozenDictionary(n => n.Item, n => n.Index, StringComparer.Ordinal);

    private readonly Tally overall = new();
    private readonly Tally[] nations = [.. Nations.All.Select(_ => new Tally())];
    private readonly List<AgreedItem> agreed = [];

    /// <summary>Outcome texts seen so far and where each counts (-1: none of <see cref="ReportCalculator.Outcomes"/>).</summary>
    private readonly Dictionary<string, int> outcomeIndex = new(StringComparer.Ordinal);

    /// <summary>How many facts were added (consultations and disclosures).</summary>
    public int Count { get; private set; }

    public void Add(ConsultationFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        this.Count++;
        bool adopted = fact.Outcome.Equals("adopted", StringComparison.OrdinalIgnoreCase);
        var c = new Classified(
            KindIndex.TryGetValue(fact.Kind, out int kind) ? kind : -1,
            this.OutcomeOf(fact.Outcome),
            Exercise: adopted && fact.Kind == JointExercise,
            Arrangement: adopted && fact.Kind == InformationSharing);
        this.overall.Add(c);

        // Each nation that took part counts the consultation once, however many answers it has in it.
        int counted = 0;
        IReadOnlyList<NationAnswer> answers = fact.Answers;
        for (int i = 0; i < answers.Count; i++)
        {
            NationAnswer a = answers[i];
            this.overall.Add(a);
            if (NationIndex.TryGetValue(a.Nation, out int n))
            {
                if ((counted & (1 << n)) == 0)
                {
                    counted |= 1 << n;
                    this.nations[n].Add(c);
                }

                this.nations[n].Add(a);
            }
        }

        if (c.Exercise || c.Arrangement)
        {
            var participants = new string[answers.Count];
            for (int i = 0; i < participants.Length; i++)
            {
                participants[i] = answers[i].Nation;
            }

            this.agreed.Add(new AgreedItem(fact.Id, fact.Title, fact.Kind, participants, fact.ClosedAt));
        }
    }

    public void Add(DisclosureFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        this.Count++;
        this.overall.Add(fact);
        if (NationIndex.TryGetValue(fact.Nation, out int n))
        {
            this.nations[n].Add(fact);
        }
    }

    /// <summary>Adds another tally's figures to these (the other is left as it was).</summary>
    public void Merge(ReportTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        this.Count += other.Count;
        this.overall.Merge(other.overall);
        for (int n = 0; n < this.nations.Length; n++)
        {
            this.nations[n].Merge(other.nations[n]);
        }

        this.agreed.AddRange(other.agreed);
    }

    internal NationFigures OverallFigures() => this.overall.Figures(PeriodReport.AllNations, withExpenditure: false);

    /// <summary>The figures of the nation at <paramref name="index"/> in <c>Nations.All</c>.</summary>
    internal NationFigures NationFigures(int index) => this.nations[index].Figures(Nations.All[index], withExpenditure: true);

    /// <summary>The exercises and arrangements agreed, by closing time, then id.</summary>
    internal IReadOnlyList<AgreedItem> Agreed() =>
        [.. this.agreed.OrderBy(a => a.ClosedAt).ThenBy(a => a.ConsultationId, StringComparer.Ordinal)];

    /// <summary>Where an outcome counts: its lower-case form among the report's outcomes, looked up once per distinct text.</summary>
    private int OutcomeOf(string outcome)
    {
        if (!this.outcomeIndex.TryGetValue(outcome, out int index))
        {
            index = IndexOf(ReportCalculator.Outcomes, outcome.ToLowerInvariant());
            this.outcomeIndex[outcome] = index;
        }

        return index;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A consultation's codes, looked up once: its kind and outcome, and whether it agreed a joint exercise or an information-sharing arrangement.</summary>
    private readonly record struct Classified(int Kind, int Outcome, bool Exercise, bool Arrangement);

    /// <summary>The running counts of one nation (or of all).</summary>
    private sealed class Tally
    {
        private readonly int[] byKind = new int[KindNames.Length];
        private readonly int[] byOutcome = new int[ReportCalculator.Outcomes.Count];
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

        public void Add(in Classified c)
        {
            this.held++;
            if (c.Kind >= 0)
            {
                this.byKind[c.Kind]++;
            }

            if (c.Outcome >= 0)
            {
                this.byOutcome[c.Outcome]++;
            }

            this.exercises += c.Exercise ? 1 : 0;
            this.arrangements += c.Arrangement ? 1 : 0;
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
                        if (d.Kind == DisclosureOutcomes.MilitaryExpenditureKind && d.GdpSharePercent is not null)
                        {
                            this.ConsiderExpenditure(d);
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

        public void Merge(Tally other)
        {
            for (int i = 0; i < this.byKind.Length; i++)
            {
                this.byKind[i] += other.byKind[i];
            }

            for (int i = 0; i < this.byOutcome.Length; i++)
            {
                this.byOutcome[i] += other.byOutcome[i];
            }

            this.hours.AddRange(other.hours);
            this.leadDays.AddRange(other.leadDays);
            this.held += other.held;
            this.exercises += other.exercises;
            this.arrangements += other.arrangements;
            this.asked += other.asked;
            this.onTime += other.onTime;
            this.late += other.late;
            this.silent += other.silent;
            this.disclosures += other.disclosures;
            this.published += other.published;
            this.rejected += other.rejected;
            this.withdrawn += other.withdrawn;
            this.revisions += other.revisions;
            this.commentsReceived += other.commentsReceived;
            this.commentsPublished += other.commentsPublished;
            if (other.expenditure is { } e)
            {
                this.ConsiderExpenditure(e);
            }
        }

        public NationFigures Figures(string nation, bool withExpenditure)
        {
            var consultations = new ConsultationFigures(
                this.held,
                KindNames.Index().ToDictionary(k => k.Item, k => this.byKind[k.Index], StringComparer.Ordinal),
                ReportCalculator.Outcomes.Index().ToDictionary(o => o.Item, o => this.byOutcome[o.Index], StringComparer.Ordinal),
                this.exercises,
                this.arrangements);
            Span<double> hours = CollectionsMarshal.AsSpan(this.hours);
            var responses = new ResponseFigures(
                this.asked,
                this.onTime,
                this.late,
                this.silent,
                this.asked == 0 ? null : ReportCalculator.Round((double)this.onTime / this.asked),
                ReportCalculator.Round(Percentiles.Select(hours, 0.5)),
                ReportCalculator.Round(Percentiles.Select(hours, 0.9)));
            var disclosureFigures = new DisclosureFigures(
                this.disclosures,
                this.published,
                this.rejected,
                this.withdrawn,
                ReportCalculator.Round(Percentiles.Select(CollectionsMarshal.AsSpan(this.leadDays), 0.5)),
                this.disclosures == 0 ? null : ReportCalculator.Round((double)this.revisions / this.disclosures),
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

        /// <summary>Keeps the nation's latest published expenditure figures (ties: the smallest id, for a stable report).</summary>
        private void ConsiderExpenditure(DisclosureFact d)
        {
            if (this.expenditure is null || d.PublishedAt > this.expenditure.PublishedAt
                || (d.PublishedAt == this.expenditure.PublishedAt && string.CompareOrdinal(d.Id, this.expenditure.Id) < 0))
            {
                this.expenditure = d;
            }
        }
    }
}
