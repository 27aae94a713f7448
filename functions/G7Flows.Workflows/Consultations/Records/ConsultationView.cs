using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Consultations.Storage;
using G7Flows.Workflows.Platform.Storage;


namespace G7Flows.Workflows.Consultations.Records;

/// <summary>A nation's position as the API and the record show it.</summary>
public sealed record PositionView(
    string Nation,
    string Position,
    string? Respondent,
    DateTimeOffset? RespondedAt,
    string? Comment,
    bool Late,
    bool? Counted);

/// <summary>The outcome of a closed consultation.</summary>
public sealed record OutcomeView(string Status, string Reason, DateTimeOffset ClosedAt, string? ClosedBy);

/// <summary>A consultation as the API returns it and as its record publishes it.</summary>
public sealed record ConsultationView(
    string Id,
    string Title,
    string Kind,
    string Summary,
    string Proposer,
    IReadOnlyList<string> Participants,
    string Rule,
    double? Threshold,
    int? RequiredApprovals,
    string Status,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset Deadline,
    IReadOnlyList<string> Reminders,
    int Extensions,
    IReadOnlyList<PositionView> Positions,
    OutcomeView? Outcome,
    string? Record)
{
    public static ConsultationView From(ConsultationSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ConsultationEntity c = snapshot.Consultation;
        var participants = ConsultationStore.SplitList(c.Participants).ToList();
        bool qualified = c.Rule == WireNames.Of(DecisionRule.QualifiedMajority);
        return new ConsultationView(
            c.PartitionKey,
            c.Title,
            c.Kind,
            c.Summary,
            c.Proposer,
            participants,
            c.Rule,
            qualified ? c.Threshold : null,
            qualified ? DecisionRules.RequiredApprovals(c.Threshold, participants.Count) : null,
            c.Status,
            c.CreatedAt,
            c.CreatedBy,
            c.Deadline,
            ConsultationStore.SplitList(c.Reminders).ToList(),
            c.Extensions,
            snapshot.Positions.Select(p => new PositionView(p.Nation, p.Position ?? "pending", p.Respondent, p.RespondedAt, p.Comment, p.Late, p.Counted)).ToList(),
            c.ClosedAt is { } closedAt ? new OutcomeView(c.Status, c.OutcomeReason ?? string.Empty, closedAt, c.ClosedBy) : null,
            c.RecordBlob is null ? null : $"/api/consultations/{c.PartitionKey}/record");
    }
}
