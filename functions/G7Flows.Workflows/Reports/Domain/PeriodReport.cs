namespace G7Flows.Workflows.Reports.Domain;

/// <summary>A period's report: the figures per nation and overall, published once as JSON, CSV and HTML.</summary>
/// <param name="SchemaVersion">Raised when a field changes meaning or goes away; new fields keep it.</param>
/// <param name="FactsRead">How many fact rows the figures come from.</param>
/// <param name="Headlines">The headline figures, with the previous period's where its report exists.</param>
/// <param name="Overall">Every nation together (nation <c>ALL</c>): each consultation counted once.</param>
/// <param name="Nations">One entry per known nation, in <c>Nations.All</c> order, also those with no activity.</param>
/// <param name="Agreed">Joint exercises and information-sharing arrangements adopted in the period.</param>
public sealed record PeriodReport(
    int SchemaVersion,
    string Period,
    string PeriodKind,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset GeneratedAt,
    int FactsRead,
    IReadOnlyList<Headline> Headlines,
    NationFigures Overall,
    IReadOnlyList<NationFigures> Nations,
    IReadOnlyList<AgreedItem> Agreed)
{
    public const int CurrentSchemaVersion = 1;

    /// <summary>The nation code of the overall figures.</summary>
    public const string AllNations = "ALL";
}

/// <summary>A headline figure and its change from the previous period (null where either is unknown).</summary>
public sealed record Headline(string Name, string Label, double? Value, double? Previous, double? Change);

public sealed record NationFigures(
    string Nation,
    ConsultationFigures Consultations,
    ResponseFigures Responses,
    DisclosureFigures Disclosures,
    ExpenditureShare? Expenditure);

/// <summary>Consultations closed in the period that the nation took part in.</summary>
/// <param name="ByKind">Every kind, also those with none.</param>
/// <param name="ByOutcome">adopted, rejected, expired, withdrawn.</param>
/// <param name="ExercisesAgreed">Adopted joint exercises.</param>
/// <param name="ArrangementsAgreed">Adopted information-sharing arrangements.</param>
public sealed record ConsultationFigures(
    int Held,
    IReadOnlyDictionary<string, int> ByKind,
    IReadOnlyDictionary<string, int> ByOutcome,
    int ExercisesAgreed,
    int ArrangementsAgreed);

/// <summary>How the nation's reviewers answered: on time (counted), refused as late, silent at the close.</summary>
public sealed record ResponseFigures(
    int Asked,
    int OnTime,
    int Late,
    int Silent,
    double? OnTimeShare,
    double? MedianHoursToAnswer,
    double? P90HoursToAnswer);

/// <summary>Disclosures that ended in the period.</summary>
public sealed record DisclosureFigures(
    int Closed,
    int Published,
    int Rejected,
    int Withdrawn,
    double? MedianDaysToPublish,
    double? RevisionsPerDisclosure,
    int CommentsReceived,
    int CommentsPublished);

/// <summary>Defence expenditure from the nation's latest military-expenditure disclosure published in the period.</summary>
public sealed record ExpenditureShare(
    string DisclosureId,
    string Title,
    double GdpSharePercent,
    double? EquipmentSharePercent,
    bool MeetsGdpGuideline,
    bool? MeetsEquipmentGuideline);

/// <summary>An exercise or arrangement agreed in the period.</summary>
public sealed record AgreedItem(string ConsultationId, string Title, string Kind, IReadOnlyList<string> Participants, DateTimeOffset ClosedAt);
