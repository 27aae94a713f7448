using G7Flows.IntegrationTests.Infrastructure;
using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Consultations.Storage;
using G7Flows.Workflows.Platform.Storage;
using Xunit;

namespace G7Flows.IntegrationTests.Storage;

/// <summary>
/// The consultation store against Azurite: the in-memory copy of a partition that spares an answer its read never
/// lets a stale copy write, and the close decides from what is stored.
/// </summary>
public sealed class ConsultationStoreCopyTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    private readonly StorageClients storage = fixture.Clients;

    [Fact]
    public async Task A_copy_made_stale_by_another_instance_cannot_store_an_answer_and_a_fresh_read_can()
    {
        // Arrange: two stores, as two server processes; the first created the consultation and holds its copy.
        using var first = new ConsultationStore(this.storage);
        using var second = new ConsultationStore(this.storage);
        string id = await CreateAsync(first, "FR", "DE", "IT");
        var (held, fromCache) = await first.GetForWriteAsync(id);
        Assert.True(fromCache);
        ConsultationSnapshot other = (await second.GetAsync(id))!;
        Assert.True(await second.TryStoreAnswerAsync(other, Answer(other, "DE", "object")));

        // Act
        bool staleStored = await first.TryStoreAnswerAsync(held!, Answer(held!, "FR", "approve"));
        var (afterFailure, fromCacheAfterFailure) = await first.GetForWriteAsync(id);
        bool freshStored = await first.TryStoreAnswerAsync(afterFailure!, Answer(afterFailure!, "FR", "approve"));

        // Assert
        Assert.False(staleStored);
        Assert.False(fromCacheAfterFailure);
        Assert.True(freshStored);
        ConsultationSnapshot stored = (await second.GetAsync(id))!;
        Assert.Equal("object", stored.PositionOf("DE")!.Position);
        Assert.Equal("approve", stored.PositionOf("FR")!.Position);
        Assert.Null(stored.PositionOf("IT")!.Position);
    }

    [Fact]
    public async Task An_answer_stored_through_the_copy_leaves_a_copy_that_the_next_answer_can_use()
    {
        // Arrange
        using var store = new ConsultationStore(this.storage);
        string id = await CreateAsync(store, "FR", "DE", "IT");
        var (snapshot, _) = await store.GetForWriteAsync(id);
        Assert.True(await store.TryStoreAnswerAsync(snapshot!, Answer(snapshot!, "FR", "approve")));

        // Act: the next answer takes the copy the first one left, with the ETags the transaction returned.
        var (next, fromCache) = await store.GetForWriteAsync(id);
        bool stored = await store.TryStoreAnswerAsync(next!, Answer(next!, "DE", "abstain"));

        // Assert
        Assert.True(fromCache);
        Assert.Equal("approve", next!.PositionOf("FR")!.Position);
        Assert.True(stored);
    }

    [Fact]
    public async Task An_answer_held_in_a_copy_from_before_the_close_is_refused_by_the_store()
    {
        // Arrange
        using var store = new ConsultationStore(this.storage);
        string id = await CreateAsync(store, "FR", "DE");
        var (held, _) = await store.GetForWriteAsync(id);
        ConsultationSnapshot other = (await store.GetAsync(id))!;
        Assert.True(await store.TryStoreAnswerAsync(other, Answer(other, "DE", "object")));
        var (_, closedNow) = await store.CloseAsync(
            id, s => new Decision(ConsultationStatus.Rejected, "Objection by DE."), DateTimeOffset.UtcNow, "rule");

        // Act
        bool stored = await store.TryStoreAnswerAsync(held!, Answer(held!, "FR", "approve"));

        // Assert
        Assert.True(closedNow);
        Assert.False(stored);
        ConsultationSnapshot final = (await store.GetAsync(id))!;
        Assert.Equal(nameof(ConsultationStatus.Rejected), final.Consultation.Status);
        Assert.Null(final.PositionOf("FR")!.Position);
        Assert.True(final.PositionOf("DE")!.Counted == true);
    }

    private static Task<string> CreateAsync(ConsultationStore store, params string[] participants) =>
        StoredConsultations.CreateAsync(store, "Store test", DateTimeOffset.UtcNow, participants);

    private static PositionEntity Answer(ConsultationSnapshot snapshot, string nation, string position) =>
        StoredConsultations.Answer(snapshot, nation, position, DateTimeOffset.UtcNow);
}
