using Azure.Data.Tables;
using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Platform.Storage;
using Xunit;

namespace G7Flows.IntegrationTests.Storage;

/// <summary><see cref="AuditLog"/> against Azurite: append-only, a retried entry added once, batches beyond 100, refusals coalesced.</summary>
public sealed class AuditLogTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly AuditLog audit = new(fixture.Clients);

    [Fact]
    public async Task An_entry_appended_twice_is_stored_once_and_the_first_version_is_kept()
    {
        // Arrange
        string id = ConsultationIds.New();
        var entry = new AuditEntry(id, Now, "staff@g7.example", "consultation-started", "127.0.0.1", "started", Detail: "first");

        // Act
        await this.audit.AppendAsync(entry);
        await this.audit.AppendAsync(entry with { Detail = "rewritten" });

        // Assert
        AuditEntity stored = Assert.Single(await this.audit.ReadAsync(id));
        Assert.Equal("first", stored.Detail);
    }

    [Fact]
    public async Task Appending_what_is_missing_adds_only_the_missing_entries_and_a_second_call_adds_nothing()
    {
        // Arrange: one of three entries is there already.
        string id = ConsultationIds.New();
        AuditEntry[] entries = [.. Enumerable.Range(0, 3).Select(i => new AuditEntry(id, Now.AddSeconds(i), "workflow", "response-counted", "workflow", $"counted-{i}"))];
        await this.audit.AppendAsync(entries[1]);

        // Act
        IReadOnlyList<AuditEntry> added = await this.audit.AppendMissingAsync(id, entries);
        IReadOnlyList<AuditEntry> addedAgain = await this.audit.AppendMissingAsync(id, entries);

        // Assert
        Assert.Equal([entries[0], entries[2]], added);
        Assert.Empty(addedAgain);
        Assert.Equal(3, (await this.audit.ReadAsync(id)).Count);
    }

    [Fact]
    public async Task More_than_one_batch_of_entries_is_stored_completely_and_read_back_in_time_order()
    {
        // Arrange: 250 entries, given out of order.
        string id = ConsultationIds.New();
        var entries = Enumerable.Range(0, 250).Select(i => new AuditEntry(id, Now.AddMilliseconds(i), "workflow", "step", "workflow", $"step-{i:D3}")).Reverse().ToList();

        // Act
        IReadOnlyList<AuditEntry> added = await this.audit.AppendMissingAsync(id, entries);
        IReadOnlyList<AuditEntity> read = await this.audit.ReadAsync(id);

        // Assert
        Assert.Equal(250, added.Count);
        Assert.Equal(250, read.Count);
        Assert.Equal(read.OrderBy(e => e.At).Select(e => e.RowKey), read.Select(e => e.RowKey));
        Assert.Equal(Now, read[0].At);
    }

    [Fact]
    public async Task A_refusal_repeated_by_one_caller_is_one_entry_and_another_caller_adds_their_own()
    {
        // Arrange
        string id = ConsultationIds.New();
        DateTimeOffset deadline = Now.AddDays(1);

        // Act: the same late answer ten times, at different moments, then another reviewer once, then another reason.
        for (int i = 0; i < 10; i++)
        {
            await this.audit.AppendAsync(AuditEntry.Refusal(id, "late-response", deadline, "reviewer.fr@g7.example", "subject-fr", "127.0.0.1", "FR", $"first refused at {Now.AddMinutes(i):O}"));
        }

        await this.audit.AppendAsync(AuditEntry.Refusal(id, "late-response", deadline, "deputy.fr@g7.example", "subject-fr-deputy", "127.0.0.1", "FR"));
        await this.audit.AppendAsync(AuditEntry.Refusal(id, "answer-change", Now, "reviewer.fr@g7.example", "subject-fr", "127.0.0.1", "FR"));
        IReadOnlyList<AuditEntity> trail = await this.audit.ReadAsync(id);

        // Assert
        Assert.Equal(3, trail.Count);
        Assert.Equal(2, trail.Count(e => e.Action == "late-response-refused"));
        Assert.Single(trail, e => e.Action == "answer-change-refused");
        Assert.DoesNotContain(trail, e => e.RowKey.Contains("subject", StringComparison.Ordinal));
    }
}
