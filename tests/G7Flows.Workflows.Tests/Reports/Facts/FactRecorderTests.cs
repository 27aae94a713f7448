using G7Flows.Workflows.Consultations.Storage;
using G7Flows.Workflows.Platform.Storage;
using G7Flows.Workflows.Reports.Facts;

namespace G7Flows.Workflows.Tests.Reports.Facts;

public sealed class FactRecorderTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 3, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_closed_consultation_becomes_one_fact_with_each_participants_timing()
    {
        // Arrange: FR answered after 90 minutes, DE objected after 2 hours, IT tried after the close, JP said nothing.
        var consultation = new ConsultationEntity
        {
            PartitionKey = "c0nsu1tati0n",
            Title = "NORTHERN SHIELD <2026>",
            Kind = "joint-exercise",
            Proposer = "FR",
            Participants = "FR,DE,IT,JP",
            Status = "Rejected",
            CreatedAt = Created,
            ClosedAt = Created.AddHours(2),
        };
        PositionEntity[] positions =
        [
            Position("FR", "approve", Created.AddMinutes(90)),
            Position("DE", "object", Created.AddHours(2)),
            Position("IT", null, null),
            Position("JP", null, null),
        ];
        AuditEntity[] trail =
        [
            new() { PartitionKey = consultation.PartitionKey, Action = "late-response-refused", Nation = "IT" },
            new() { PartitionKey = consultation.PartitionKey, Action = "response-submitted", Nation = "FR" },
        ];

        // Act
        ConsultationFact fact = FactRecorder.FactOf(new ConsultationSnapshot(consultation, positions), trail);

        // Assert
        Assert.Equal(("c0nsu1tati0n", "NORTHERN SHIELD <2026>", "joint-exercise", "Rejected", "FR"), (fact.Id, fact.Title, fact.Kind, fact.Outcome, fact.Proposer));
        Assert.Equal((Created, Created.AddHours(2)), (fact.OpenedAt, fact.ClosedAt));
        Assert.Equal(
            [
                new NationAnswer("FR", "approve", AnswerTimings.OnTime, 5400),
                new NationAnswer("DE", "object", AnswerTimings.OnTime, 7200),
                new NationAnswer("IT", null, AnswerTimings.Late, null),
                new NationAnswer("JP", null, AnswerTimings.Silent, null),
            ],
            fact.Answers);
    }

    [Fact]
    public void A_stored_answer_the_close_did_not_count_is_late()
    {
        // Arrange
        var consultation = new ConsultationEntity { PartitionKey = "c1", Participants = "FR", Status = "Expired", CreatedAt = Created, ClosedAt = Created.AddDays(1) };
        PositionEntity late = Position("FR", "approve", Created.AddDays(1));
        late.Late = true;
        late.Counted = false;

        // Act
        ConsultationFact fact = FactRecorder.FactOf(new ConsultationSnapshot(consultation, [late]), []);

        // Assert
        Assert.Equal([new NationAnswer("FR", null, AnswerTimings.Late, null)], fact.Answers);
    }

    [Fact]
    public void Fact_rows_are_keyed_by_month_and_workflow_so_a_rewrite_replaces_the_same_row()
    {
        // Arrange
        var fact = new ConsultationFact("abc", "t", "joint-exercise", "Adopted", "FR", Created, new DateTimeOffset(2026, 11, 30, 23, 59, 59, TimeSpan.Zero), []);

        // Act
        FactEntity first = FactStore.ToEntity(fact);
        FactEntity again = FactStore.ToEntity(fact with { Title = "t" });
        FactEntity nextMonth = FactStore.ToEntity(fact with { ClosedAt = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero) });

        // Assert
        Assert.StartsWith("2026-11-", first.PartitionKey, StringComparison.Ordinal);
        Assert.Contains(first.PartitionKey, FactEntity.PartitionsOf("2026-11"));
        Assert.Equal((first.PartitionKey, first.RowKey), (again.PartitionKey, again.RowKey));
        Assert.Equal("c-abc", first.RowKey);
        Assert.StartsWith("2026-12-", nextMonth.PartitionKey, StringComparison.Ordinal);
        Assert.Equal(FactEntity.Shards, FactEntity.PartitionsOf("2026-11").Distinct().Count());
    }

    [Fact]
    public void Facts_spread_over_every_shard_of_a_month()
    {
        // Act
        var partitions = Enumerable.Range(0, 1000)
            .Select(i => FactEntity.ConstructPartitionKey("2026-11", $"consultation-{i}"))
            .GroupBy(p => p)
            .ToDictionary(g => g.Key, g => g.Count());

        // Assert: all eight, none with more than twice its share.
        Assert.Equal(FactEntity.Shards, partitions.Count);
        Assert.All(partitions.Values, n => Assert.InRange(n, 1, 2 * 1000 / FactEntity.Shards));
    }

    [Fact]
    public void Each_shard_of_a_month_has_a_table_of_its_own_which_the_application_creates()
    {
        // Act
        var shards = FactEntity.PartitionsOf("2026-11").Select(FactEntity.ShardOfPartition).ToList();

        // Assert
        Assert.Equal(Enumerable.Range(0, FactEntity.Shards), shards);
        Assert.Equal(FactEntity.Shards, StorageNames.ReportFactShardTables.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.DoesNotContain(StorageNames.ReportFactsTable, StorageNames.ReportFactShardTables);
        Assert.Subset(StorageNames.Tables.ToHashSet(), StorageNames.ReportFactShardTables.Append(StorageNames.ReportFactsTable).ToHashSet());
    }

    private static PositionEntity Position(string nation, string? position, DateTimeOffset? at) =>
        new() { Nation = nation, Position = position, RespondedAt = at, Counted = position is null ? null : true };
}
