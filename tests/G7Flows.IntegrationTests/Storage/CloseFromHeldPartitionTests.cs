using G7Flows.IntegrationTests.Infrastructure;
using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Consultations.Storage;
using G7Flows.Workflows.Platform.Storage;
using G7Flows.Workflows.Reports.Facts;
using Xunit;

namespace G7Flows.IntegrationTests.Storage;

/// <summary>
/// The close against Azurite, as it runs after the deciding answer: it decides from the partition this process holds
/// (no read) yet never leaves out an answer another instance stored meanwhile, and the report fact is written from the
/// partition as closed (the trail is read only when a participant has no answer counted on time).
/// </summary>
public sealed class CloseFromHeldPartitionTests : IClassFixture<StorageFixture>
{
    private readonly StorageClients storage;
    private readonly StorageRequestLog log;

    /// <summary>Clients of this test's own, over the class's Azurite, whose requests the log records.</summary>
    public CloseFromHeldPartitionTests(StorageFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        (this.storage, this.log) = StorageRequestLog.Clients(fixture.ConnectionString);
    }

    [Fact]
    public async Task The_close_after_the_last_answer_through_this_process_writes_one_transaction_and_reads_nothing()
    {
        // Arrange: both answers went through this store, which holds the partition as they left it.
        using var store = new ConsultationStore(this.storage);
        string id = await CreateAsync(store, "FR", "DE");
        await AnswerThroughCopyAsync(store, id, "FR", "approve");
        await AnswerThroughCopyAsync(store, id, "DE", "approve");
        this.log.Clear();

        // Act
        var (closed, closedNow) = await store.CloseAsync(id, AllApprovedAdopts, Now, "rule");

        // Assert: one request, the transaction; and what it stored is what the close returned.
        Assert.True(closedNow);
        Assert.Equal(["POST /$batch"], this.log.Requests);
        ConsultationSnapshot stored = (await new ConsultationStore(this.storage).GetAsync(id))!;
        Assert.Equal((nameof(ConsultationStatus.Adopted), "DE,FR"), (stored.Consultation.Status, stored.Consultation.OutcomeReason));
        Assert.All(stored.Positions, p => Assert.True(p.Counted));
        Assert.Equal(closed.Positions.Select(p => (p.Nation, p.Position, p.RespondedAt)), stored.Positions.Select(p => (p.Nation, p.Position, p.RespondedAt)));
    }

    [Fact]
    public async Task A_close_from_a_copy_made_stale_by_another_instance_counts_the_answer_stored_meanwhile()
    {
        // Arrange: this store holds the partition with FR's answer; another instance then stores DE's.
        using var first = new ConsultationStore(this.storage);
        using var second = new ConsultationStore(this.storage);
        string id = await CreateAsync(first, "FR", "DE", "IT");
        await AnswerThroughCopyAsync(first, id, "FR", "approve");
        ConsultationSnapshot other = (await second.GetAsync(id))!;
        Assert.True(await second.TryStoreAnswerAsync(other, Answer(other, "DE", "approve")));

        // Act: a close that adopts with whatever answers it sees (the stale copy would see only FR's).
        var (closed, closedNow) = await first.CloseAsync(id, s => new Decision(ConsultationStatus.Adopted, Answered(s)), Now, "withdrawal");

        // Assert
        Assert.True(closedNow);
        Assert.Equal("DE,FR", closed.Consultation.OutcomeReason);
        ConsultationSnapshot stored = (await second.GetAsync(id))!;
        Assert.Equal("DE,FR", stored.Consultation.OutcomeReason);
        Assert.True(stored.PositionOf("DE")!.Counted);
        Assert.True(stored.PositionOf("FR")!.Counted);
    }

    [Fact]
    public async Task A_copy_that_decides_nothing_is_read_again_and_the_answer_stored_elsewhere_closes_the_consultation()
    {
        // Arrange: this store holds the partition with no answer; another instance stores DE's objection.
        using var first = new ConsultationStore(this.storage);
        using var second = new ConsultationStore(this.storage);
        string id = await CreateAsync(first, "FR", "DE");
        Assert.True((await first.GetForWriteAsync(id)).FromCache);
        ConsultationSnapshot other = (await second.GetAsync(id))!;
        Assert.True(await second.TryStoreAnswerAsync(other, Answer(other, "DE", "object")));

        // Act: the rule closes on an objection; the copy has none.
        var (closed, closedNow) = await first.CloseAsync(
            id, s => s.Positions.Any(p => p.Position == "object") ? new Decision(ConsultationStatus.Rejected, "Objection.") : null, Now, "rule");

        // Assert
        Assert.True(closedNow);
        Assert.Equal(nameof(ConsultationStatus.Rejected), closed.Consultation.Status);
        Assert.Equal(nameof(ConsultationStatus.Rejected), (await second.GetAsync(id))!.Consultation.Status);
    }

    [Fact]
    public async Task A_copy_that_predates_a_close_elsewhere_closes_nothing_twice()
    {
        // Arrange: this store holds the open partition; another instance closes it.
        using var first = new ConsultationStore(this.storage);
        using var second = new ConsultationStore(this.storage);
        string id = await CreateAsync(first, "FR", "DE");
        await AnswerThroughCopyAsync(first, id, "FR", "approve");
        var (_, closedElsewhere) = await second.CloseAsync(id, _ => new Decision(ConsultationStatus.Withdrawn, "Withdrawn by staff."), Now, "staff");

        // Act
        var (closed, closedNow) = await first.CloseAsync(id, AllApprovedAdopts, Now.AddMinutes(1), "rule");

        // Assert
        Assert.True(closedElsewhere);
        Assert.False(closedNow);
        Assert.Equal((nameof(ConsultationStatus.Withdrawn), "staff"), (closed.Consultation.Status, closed.Consultation.ClosedBy));
    }

    [Fact]
    public async Task The_fact_of_a_consultation_every_participant_answered_in_time_is_one_write()
    {
        // Arrange
        using var store = new ConsultationStore(this.storage);
        var audit = new AuditLog(this.storage);
        var facts = new FactStore(this.storage);
        string id = await CreateAsync(store, "FR", "DE");
        await AnswerThroughCopyAsync(store, id, "FR", "approve");
        await AnswerThroughCopyAsync(store, id, "DE", "object");
        var (closed, _) = await store.CloseAsync(id, s => new Decision(ConsultationStatus.Rejected, "Objection."), Now, "rule");
        this.log.Clear();

        // Act
        await new FactRecorder(audit, facts).RecordClosedConsultationAsync(closed);

        // Assert
        Assert.Single(this.log.Requests);
        Assert.Matches(@"^PUT /ReportFacts[0-7]\(", this.log.Requests[0]);
        ConsultationFact fact = (await facts.GetConsultationAsync(FactStore.MonthOf(Now), id))!;
        Assert.Equal(nameof(ConsultationStatus.Rejected), fact.Outcome);
        Assert.Equal([("FR", "approve", AnswerTimings.OnTime), ("DE", "object", AnswerTimings.OnTime)], fact.Answers.Select(a => (a.Nation, a.Position, a.Timing)));
    }

    [Fact]
    public async Task The_fact_of_a_consultation_with_a_silent_participant_reads_the_trail_for_refused_late_answers()
    {
        // Arrange: FR answered; DE tried after the close and was refused (the trail says so); IT said nothing.
        using var store = new ConsultationStore(this.storage);
        var audit = new AuditLog(this.storage);
        var facts = new FactStore(this.storage);
        string id = await CreateAsync(store, "FR", "DE", "IT");
        await AnswerThroughCopyAsync(store, id, "FR", "approve");
        var (closed, _) = await store.CloseAsync(id, s => new Decision(ConsultationStatus.Expired, "Deadline."), Now, "deadline");
        await audit.AppendAsync(AuditEntry.Refusal(id, "late-response", Now, "reviewer.de", "subject-de", "test", "DE", "approve"));
        this.log.Clear();

        // Act
        await new FactRecorder(audit, facts).RecordClosedConsultationAsync(closed);

        // Assert
        Assert.Equal(2, this.log.Requests.Count);
        ConsultationFact fact = (await facts.GetConsultationAsync(FactStore.MonthOf(Now), id))!;
        Assert.Equal(
            [("FR", AnswerTimings.OnTime), ("DE", AnswerTimings.Late), ("IT", AnswerTimings.Silent)],
            fact.Answers.Select(a => (a.Nation, a.Timing)));
    }

    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static Decision? AllApprovedAdopts(ConsultationSnapshot s) =>
        s.Positions.All(p => p.Position == "approve") ? new Decision(ConsultationStatus.Adopted, Answered(s)) : null;

    private static string Answered(ConsultationSnapshot s) =>
        string.Join(',', s.Positions.Where(p => p.Position is not null).Select(p => p.Nation).Order(StringComparer.Ordinal));

    private static async Task AnswerThroughCopyAsync(ConsultationStore store, string id, string nation, string position)
    {
        var (held, fromCache) = await store.GetForWriteAsync(id);
        Assert.True(fromCache);
        Assert.True(await store.TryStoreAnswerAsync(held!, Answer(held!, nation, position)));
    }

    private static Task<string> CreateAsync(ConsultationStore store, params string[] participants) =>
        StoredConsultations.CreateAsync(store, "Close test", Now.AddHours(-1), participants);

    private static PositionEntity Answer(ConsultationSnapshot snapshot, string nation, string position) =>
        StoredConsultations.Answer(snapshot, nation, position, Now.AddMinutes(-30));
}
