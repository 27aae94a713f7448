using Azure;
using Azure.Data.Tables;
using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Consultations.Storage;
using G7Flows.Workflows.Platform.Storage;
using Xunit;

namespace G7Flows.IntegrationTests.Storage;

/// <summary><see cref="ConsultationStore"/> against Azurite: idempotent writes, ETag conflicts reported (never overwritten), paging.</summary>
public sealed class ConsultationStoreTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly ConsultationStore store = new(fixture.Clients);

    [Fact]
    public async Task Creating_the_same_consultation_twice_stores_it_once_and_returns_the_stored_one()
    {
        // Arrange
        ConsultationEntity first = Consultation("FR,DE,IT", title: "First");
        ConsultationEntity again = Consultation("FR,DE,IT", id: first.PartitionKey, title: "Second attempt");

        // Act
        var (created, snapshot) = await this.store.CreateAsync(first);
        var (createdAgain, existing) = await this.store.CreateAsync(again);

        // Assert
        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal("First", existing.Consultation.Title);
        Assert.Equal(["FR", "DE", "IT"], existing.Positions.Select(p => p.Nation));
        Assert.All(existing.Positions, p => Assert.Null(p.Position));
        Assert.Equal(snapshot.Consultation.PartitionKey, existing.Consultation.PartitionKey);
    }

    [Fact]
    public async Task An_answer_stored_with_a_snapshot_that_is_no_longer_current_is_refused_and_nothing_is_overwritten()
    {
        // Arrange: two requests read the same partition.
        var (_, created) = await this.store.CreateAsync(Consultation("FR,DE,IT"));
        string id = created.Consultation.PartitionKey;
        ConsultationSnapshot readByFrance = (await this.store.GetAsync(id))!;
        ConsultationSnapshot readByGermany = (await this.store.GetAsync(id))!;

        // Act
        bool france = await this.store.TryStoreAnswerAsync(readByFrance, Answer(readByFrance, "FR", "approve"));
        bool germanyStale = await this.store.TryStoreAnswerAsync(readByGermany, Answer(readByGermany, "DE", "object"));
        ConsultationSnapshot reread = (await this.store.GetAsync(id))!;
        string? germanyAfterRefusal = reread.PositionOf("DE")!.Position;
        bool germanyFresh = await this.store.TryStoreAnswerAsync(reread, Answer(reread, "DE", "object"));
        ConsultationSnapshot after = (await this.store.GetAsync(id))!;

        // Assert
        Assert.True(france);
        Assert.False(germanyStale);
        Assert.Null(germanyAfterRefusal);
        Assert.True(germanyFresh);
        Assert.Equal(("approve", "object", (string?)null), (after.PositionOf("FR")!.Position, after.PositionOf("DE")!.Position, after.PositionOf("IT")!.Position));
    }

    [Fact]
    public async Task The_close_counts_every_stored_answer_refuses_later_ones_and_a_retried_close_changes_nothing()
    {
        // Arrange
        var (_, created) = await this.store.CreateAsync(Consultation("FR,DE,IT"));
        string id = created.Consultation.PartitionKey;
        ConsultationSnapshot open = (await this.store.GetAsync(id))!;
        Assert.True(await this.store.TryStoreAnswerAsync(open, Answer(open, "FR", "object")));
        ConsultationSnapshot beforeClose = (await this.store.GetAsync(id))!;

        // Act
        var (closed, closedNow) = await this.store.CloseAsync(id, _ => new Decision(ConsultationStatus.Rejected, "FR objected."), Now, "rule");
        var (retried, closedAgain) = await this.store.CloseAsync(id, _ => new Decision(ConsultationStatus.Adopted, "a different decision"), Now.AddMinutes(1), "rule");
        bool late = await this.store.TryStoreAnswerAsync(beforeClose, Answer(beforeClose, "DE", "approve"));

        // Assert
        Assert.True(closedNow);
        Assert.False(closedAgain);
        Assert.Equal(("Rejected", "FR objected.", Now), (retried.Consultation.Status, retried.Consultation.OutcomeReason, retried.Consultation.ClosedAt!.Value));
        Assert.True(closed.PositionOf("FR")!.Counted);
        Assert.False(late);
        Assert.Null((await this.store.GetAsync(id))!.PositionOf("DE")!.Position);
    }

    [Fact]
    public async Task The_deciding_answer_marks_the_row_decided_and_the_sweep_lists_it_until_the_close()
    {
        // Arrange
        var (_, created) = await this.store.CreateAsync(Consultation("FR,DE,IT"));
        string id = created.Consultation.PartitionKey;
        ConsultationSnapshot open = (await this.store.GetAsync(id))!;
        Assert.True(await this.store.TryStoreAnswerAsync(open, Answer(open, "FR", "approve"), decides: false));
        DateTimeOffset? undecided = (await this.store.GetAsync(id))!.Consultation.DecidedAt;
        IReadOnlyList<string> listedUndecided = await this.store.ListDecidedOpenIdsAsync(Now.AddHours(1), int.MaxValue);

        // Act: Germany's objection decides; Italy's later answer decides too, but the first decision's time stays.
        ConsultationSnapshot beforeGermany = (await this.store.GetAsync(id))!;
        PositionEntity germany = Answer(beforeGermany, "DE", "object");
        Assert.True(await this.store.TryStoreAnswerAsync(beforeGermany, germany, decides: true));
        ConsultationSnapshot beforeItaly = (await this.store.GetAsync(id))!;
        PositionEntity italy = Answer(beforeItaly, "IT", "approve");
        italy.RespondedAt = Now.AddMinutes(9);
        Assert.True(await this.store.TryStoreAnswerAsync(beforeItaly, italy, decides: true));
        ConsultationEntity decided = (await this.store.GetAsync(id))!.Consultation;
        IReadOnlyList<string> listedAfter = await this.store.ListDecidedOpenIdsAsync(germany.RespondedAt!.Value, int.MaxValue);
        IReadOnlyList<string> listedBefore = await this.store.ListDecidedOpenIdsAsync(germany.RespondedAt!.Value.AddSeconds(-1), int.MaxValue);
        await this.store.CloseAsync(id, _ => new Decision(ConsultationStatus.Rejected, "DE objected."), Now.AddMinutes(10), "rule");
        IReadOnlyList<string> listedClosed = await this.store.ListDecidedOpenIdsAsync(Now.AddHours(1), int.MaxValue);

        // Assert
        Assert.Null(undecided);
        Assert.DoesNotContain(id, listedUndecided);
        Assert.Equal(germany.RespondedAt, decided.DecidedAt);
        Assert.Equal(italy.RespondedAt, decided.LastAnswerAt);
        Assert.Contains(id, listedAfter);
        Assert.DoesNotContain(id, listedBefore);
        Assert.DoesNotContain(id, listedClosed);
    }

    [Fact]
    public async Task A_deadline_stored_with_a_stale_ETag_is_refused_and_a_current_one_counts_the_extension()
    {
        // Arrange
        var (_, created) = await this.store.CreateAsync(Consultation("FR,DE"));
        string id = created.Consultation.PartitionKey;
        ConsultationSnapshot read = (await this.store.GetAsync(id))!;
        ConsultationSnapshot meanwhile = (await this.store.GetAsync(id))!;
        Assert.True(await this.store.TryStoreAnswerAsync(meanwhile, Answer(meanwhile, "FR", "approve")));

        // Act
        bool stale = await this.store.TryStoreDeadlineAsync(read.Consultation, Now.AddDays(3));
        ConsultationEntity current = (await this.store.GetAsync(id))!.Consultation;
        bool fresh = await this.store.TryStoreDeadlineAsync(current, Now.AddDays(3));
        ConsultationEntity after = (await this.store.GetAsync(id))!.Consultation;

        // Assert
        Assert.False(stale);
        Assert.True(fresh);
        Assert.Equal((Now.AddDays(3), 1), (after.Deadline, after.Extensions));
    }

    [Fact]
    public async Task Failing_twice_marks_the_consultation_once_empties_its_inbox_and_notifies_staff_once()
    {
        // Arrange
        var (_, created) = await this.store.CreateAsync(Consultation("FR,DE"));
        string id = created.Consultation.PartitionKey;
        await this.store.AssignTasksAsync(created, Now);
        var failure = new FailureRequest(id, "CloseConsultationActivity", "storage was gone", Now.UtcDateTime);

        // Act
        ConsultationEntity first = await this.store.FailAsync(failure);
        ConsultationEntity second = await this.store.FailAsync(failure with { Reason = "another reason" });

        // Assert
        Assert.Equal("Failed", second.Status);
        Assert.Equal(first.OutcomeReason, second.OutcomeReason);
        Assert.Contains("storage was gone", second.OutcomeReason, StringComparison.Ordinal);
        Assert.DoesNotContain(await this.store.ListTasksAsync("FR"), t => t.ConsultationId == id);
        Assert.Single(await this.store.ListNotificationsAsync(ConsultationStore.StaffInbox), n => n.ConsultationId == id);
        TableEntity listing = Assert.Single(fixture.Clients.Table(StorageNames.ConsultationIndexTable).Query<TableEntity>(e => e.GetString("ConsultationId") == id));
        Assert.Equal("Failed", listing.GetString("Status"));
    }

    [Fact]
    public async Task A_closed_consultation_keeps_its_outcome_and_staff_learn_once_that_its_record_is_missing()
    {
        // Arrange: one closed consultation without a record, one with.
        var (_, unpublished) = await this.store.CreateAsync(Consultation("FR,DE"));
        var (_, published) = await this.store.CreateAsync(Consultation("FR,DE"));
        foreach (string closing in new[] { unpublished.Consultation.PartitionKey, published.Consultation.PartitionKey })
        {
            await this.store.CloseAsync(closing, _ => new Decision(ConsultationStatus.Withdrawn, "Withdrawn by staff."), Now, "staff");
        }

        await this.store.SetRecordAsync(published.Consultation.PartitionKey, "consultations/x/record.json");

        // Act: the workflow fails after the close, and the failure is retried.
        ConsultationEntity after = await this.store.FailAsync(new FailureRequest(unpublished.Consultation.PartitionKey, "PublishRecordActivity", "late failure", Now.UtcDateTime));
        await this.store.FailAsync(new FailureRequest(unpublished.Consultation.PartitionKey, "PublishRecordActivity", "late failure", Now.UtcDateTime));
        ConsultationEntity afterPublished = await this.store.FailAsync(new FailureRequest(published.Consultation.PartitionKey, "PublishRecordActivity", "late failure", Now.UtcDateTime));

        // Assert
        IReadOnlyList<NotificationEntity> staff = await this.store.ListNotificationsAsync(ConsultationStore.StaffInbox);
        Assert.Equal(("Withdrawn", "Withdrawn"), (after.Status, afterPublished.Status));
        Assert.Single(staff, n => n.ConsultationId == unpublished.Consultation.PartitionKey && n.Kind == "record-not-published");
        Assert.DoesNotContain(staff, n => n.ConsultationId == unpublished.Consultation.PartitionKey && n.Kind == "workflow-failed");
        Assert.DoesNotContain(staff, n => n.ConsultationId == published.Consultation.PartitionKey);
    }

    [Fact]
    public async Task The_listing_pages_newest_first_with_continuation_tokens_and_filters_by_nation()
    {
        // Arrange: five consultations with Japan (which no other test here uses), a minute apart, and one without.
        var ids = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            ConsultationEntity c = Consultation("JP,CA", createdAt: Now.AddMinutes(i));
            await this.store.UpsertIndexAsync(c);
            ids.Add(c.PartitionKey);
        }

        await this.store.UpsertIndexAsync(Consultation("CA,US", createdAt: Now.AddMinutes(10)));

        // Act
        var pages = new List<ConsultationPage>();
        string? token = null;
        do
        {
            ConsultationPage page = await this.store.ListAsync(ConsultationStatus.Open, "JP", 2, token);
            pages.Add(page);
            token = page.ContinuationToken;
        }
        while (token is not null && pages.Count < 10);

        // Assert
        var listed = pages.SelectMany(p => p.Items).Select(i => i.ConsultationId).ToList();
        Assert.Equal(Enumerable.Reverse(ids), listed);
        Assert.All(pages, p => Assert.InRange(p.Items.Count, 0, 2));
        Assert.Equal(2, pages[0].Items.Count);
    }

    [Fact]
    public async Task Settling_the_copies_twice_is_the_same_as_once()
    {
        // Arrange
        var (_, created) = await this.store.CreateAsync(Consultation("FR,DE,IT"));
        string id = created.Consultation.PartitionKey;
        await this.store.AssignTasksAsync(created, Now);
        var (closed, _) = await this.store.CloseAsync(id, _ => new Decision(ConsultationStatus.Expired, "Nobody answered."), Now, "deadline");
        var writes = new List<int>();

        // Act
        await this.store.SettleCopiesAsync(closed.Consultation, writes.Add);
        await this.store.SettleCopiesAsync(closed.Consultation, writes.Add);

        // Assert: the listing and one task per participant, each time.
        Assert.Equal([1, 2, 3, 4, 1, 2, 3, 4], writes);
        foreach (string nation in new[] { "FR", "DE", "IT" })
        {
            Assert.DoesNotContain(await this.store.ListTasksAsync(nation), t => t.ConsultationId == id);
        }

        TableEntity listing = Assert.Single(fixture.Clients.Table(StorageNames.ConsultationIndexTable).Query<TableEntity>(e => e.GetString("ConsultationId") == id));
        Assert.Equal("Expired", listing.GetString("Status"));
    }

    private static ConsultationEntity Consultation(string participants, string? id = null, string title = "Store test", DateTimeOffset? createdAt = null) => new()
    {
        PartitionKey = ConsultationEntity.ConstructPartitionKey(id ?? ConsultationIds.New()),
        Title = title,
        Kind = "joint-exercise",
        Summary = "A consultation written by a store test.",
        Proposer = participants.Split(',')[0],
        Participants = participants,
        Rule = "unanimity",
        Status = nameof(ConsultationStatus.Open),
        CreatedAt = createdAt ?? Now,
        CreatedBy = "store-test",
        Deadline = (createdAt ?? Now).AddDays(1),
        Reminders = string.Empty,
        RequestHash = "test",
    };

    private static PositionEntity Answer(ConsultationSnapshot snapshot, string nation, string position)
    {
        PositionEntity p = snapshot.PositionOf(nation)!;
        p.Position = position;
        p.Respondent = $"reviewer.{nation.ToLowerInvariant()}@g7.example";
        p.RespondedAt = Now.AddMinutes(5);
        return p;
    }
}
