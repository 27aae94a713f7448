using G7Flows.Workflows.Consultations.Records;
using G7Flows.Workflows.Consultations.Storage;
using G7Flows.Workflows.Platform.Storage;

namespace G7Flows.Workflows.Tests.Consultations.Records;

/// <summary>The record is built from the closed consultation and its trail up to the close: a retried publication writes the same bytes.</summary>
public sealed class ConsultationRecordTests
{
    private static readonly DateTimeOffset Opened = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Closed = Opened.AddHours(5);

    [Fact]
    public void What_the_trail_gains_after_the_close_and_refused_requests_do_not_change_the_record()
    {
        // Arrange: the trail at the close, and the same trail after more has happened.
        ConsultationSnapshot snapshot = Snapshot();
        List<AuditEntity> atClose = [Entry(Opened, "consultation-started"), Entry(Opened.AddHours(1), "response-submitted", "FR"), Entry(Closed, "consultation-closed")];
        List<AuditEntity> later =
        [
            .. atClose,
            Entry(Opened.AddHours(1), "answer-change-refused", "FR"), // anchored at FR's answer, written after the close
            Entry(Opened.AddDays(1), "late-response-refused", "DE"), // anchored at the deadline
            Entry(Closed, "record-published"),
            Entry(Closed.AddMinutes(3), "workflow-repaired"),
        ];

        // Act
        byte[] first = RecordRenderer.ToJson(ConsultationRecord.From(snapshot, atClose));
        byte[] retried = RecordRenderer.ToJson(ConsultationRecord.From(snapshot, later));
        string firstHtml = RecordRenderer.ToHtml(ConsultationRecord.From(snapshot, atClose));
        string retriedHtml = RecordRenderer.ToHtml(ConsultationRecord.From(snapshot, later));

        // Assert
        Assert.Equal(first, retried);
        Assert.Equal(firstHtml, retriedHtml);
        Assert.Equal(3, ConsultationRecord.From(snapshot, later).Timeline.Count);
    }

    private static ConsultationSnapshot Snapshot()
    {
        var consultation = new ConsultationEntity
        {
            PartitionKey = "abcdefghijklmnopqrstuvwxyz",
            Title = "Joint exercise Atlantic Shield",
            Kind = "joint-exercise",
            Summary = "A two-week maritime exercise.",
            Proposer = "FR",
            Participants = "FR,DE",
            Rule = "unanimity",
            Status = "Rejected",
            OutcomeReason = "FR objected.",
            CreatedAt = Opened,
            CreatedBy = "Secretariat officer",
            Deadline = Opened.AddDays(1),
            ClosedAt = Closed,
            ClosedBy = "rule",
        };
        PositionEntity[] positions =
        [
            new() { PartitionKey = consultation.PartitionKey, RowKey = PositionEntity.ConstructRowKey("FR"), Nation = "FR", Position = "object", Respondent = "Reviewer FR", RespondedAt = Opened.AddHours(1), Counted = true },
            new() { PartitionKey = consultation.PartitionKey, RowKey = PositionEntity.ConstructRowKey("DE"), Nation = "DE" },
        ];
        return new ConsultationSnapshot(consultation, positions);
    }

    private static AuditEntity Entry(DateTimeOffset at, string action, string? nation = null) => new()
    {
        PartitionKey = "abcdefghijklmnopqrstuvwxyz",
        RowKey = $"{at.UtcTicks:D19}-{action}-{nation}",
        At = at,
        Actor = "someone",
        Action = action,
        Nation = nation,
        Source = "test",
    };
}
