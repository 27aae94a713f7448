namespace G7Flows.Workflows.Reports.Facts;

/// <summary>The kinds of closed workflow a report counts.</summary>
public enum FactKind
{
    Consultation,
    Disclosure,
}

/// <summary>How a participant's answer stood when the consultation closed.</summary>
public static class AnswerTimings
{
    /// <summary>Answered before the close: counted.</summary>
    public const string OnTime = "on-time";

    /// <summary>Tried to answer after the close and was refused.</summary>
    public const string Late = "late";

    /// <summary>No answer by the close.</summary>
    public const string Silent = "silent";
}

/// <summary>A participant's part in a closed consultation.</summary>
/// <param name="Nation">The participant.</param>
/// <param name="Position">approve, object or abstain; null when it did not answer in time.</param>
/// <param name="Timing">One of <see cref="AnswerTimings"/>.</param>
/// <param name="SecondsToAnswer">From the start of the consultation to the stored answer, for answers on time.</param>
public sealed record NationAnswer(string Nation, string? Position, string Timing, double? SecondsToAnswer);

/// <summary>One closed consultation, as the report needs it: written once when it closes.</summary>
/// <param name="Kind">The consultation's kind (wire name, e.g. <c>joint-exercise</c>).</param>
/// <param name="Outcome">Adopted, Rejected, Expired or Withdrawn.</param>
public sealed record ConsultationFact(
    string Id,
    string Title,
    string Kind,
    string Outcome,
    string Proposer,
    DateTimeOffset OpenedAt,
    DateTimeOffset ClosedAt,
    IReadOnlyList<NationAnswer> Answers);

/// <summary>One closed transparency disclosure, as the report needs it: written once when the disclosure workflow ends.</summary>
/// <param name="Kind">The disclosure's kind (e.g. <c>military-expenditure</c>).</param>
/// <param name="Nation">The submitting nation.</param>
/// <param name="Outcome">One of <see cref="DisclosureOutcomes"/>.</param>
/// <param name="Revisions">How many revised texts the submitter sent after requested changes (0 when none).</param>
/// <param name="GdpSharePercent">For military-expenditure disclosures: defence expenditure as a share of GDP, in per cent.</param>
/// <param name="EquipmentSharePercent">For military-expenditure disclosures: the share spent on major equipment, in per cent.</param>
public sealed record DisclosureFact(
    string Id,
    string Title,
    string Kind,
    string Nation,
    string Outcome,
    DateTimeOffset SubmittedAt,
    DateTimeOffset ClosedAt,
    DateTimeOffset? PublishedAt,
    int Revisions,
    int CommentsReceived,
    int CommentsPublished,
    double? GdpSharePercent = null,
    double? EquipmentSharePercent = null);

/// <summary>How a disclosure ended.</summary>
public static class DisclosureOutcomes
{
    public const string Published = "published";
    public const string Rejected = "rejected";
    public const string Withdrawn = "withdrawn";

    /// <summary>The kind of disclosure whose figures feed the expenditure section.</summary>
    public const string MilitaryExpenditureKind = "military-expenditure";
}

/// <summary>
/// Takes fact rows as a period is read, one at a time: a report adds each to its running figures instead of holding
/// every row. A sink is used by one reader at a time (the store gives each partition its own).
/// </summary>
public interface IFactSink
{
    void Add(ConsultationFact fact);

    void Add(DisclosureFact fact);
}

/// <summary>The fact rows of one period, as read back.</summary>
public sealed record PeriodFacts(IReadOnlyList<ConsultationFact> Consultations, IReadOnlyList<DisclosureFact> Disclosures)
{
    public static PeriodFacts Empty { get; } = new([], []);

    public int Count => this.Consultations.Count + this.Disclosures.Count;

    /// <summary>Keeps every fact it is given, for <see cref="PeriodFacts"/>.</summary>
    public sealed class Collector : IFactSink
    {
        public List<ConsultationFact> Consultations { get; } = [];

        public List<DisclosureFact> Disclosures { get; } = [];

        public void Add(ConsultationFact fact) => this.Consultations.Add(fact);

        public void Add(DisclosureFact fact) => this.Disclosures.Add(fact);
    }
}
