using System.Text.Json;
using Azure.Data.Tables;
using G7Flows.IntegrationTests.Storage;
using StoredJson = G7Flows.Workflows.Platform.Publishing.Json;
using G7Flows.Workflows.Platform.Storage;
using G7Flows.Workflows.Reports.Domain;
using G7Flows.Workflows.Reports.Facts;
using Xunit;

namespace G7Flows.IntegrationTests.Reports;

/// <summary>
/// The fact tables on Azurite: rows in the compact form, in the table of their shard, and rows written before (JSON, in
/// the earlier single table, still there for older periods) are read side by side, a fact in both counts once, and a
/// report filled from the partitions as they arrive is the report of the facts written.
/// </summary>
public sealed class ReportFactStoreTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    private readonly FactStore facts = new(fixture.Clients);

    private static ConsultationFact Consultation(string id, int day, string outcome, params NationAnswer[] answers)
    {
        var closed = new DateTimeOffset(2024, 2, day, 10, 30, 15, TimeSpan.Zero).AddTicks(day * 1111);
        return new ConsultationFact(id, $"Exercise \"{id}\" | <phase {day}>", "joint-exercise", outcome, "FR", closed.AddHours(-50.5), closed, answers);
    }

    private static string Exactly<T>(IEnumerable<T> facts) => JsonSerializer.Serialize(facts, StoredJson.Options);

    [Fact]
    public async Task A_period_with_rows_of_both_forms_reads_every_fact_exactly_and_reports_them_as_one()
    {
        // Arrange: February 2024 (no other test writes it). Two consultations as the close writes them now, one as the
        // earlier version wrote it (JSON, in the earlier table), one the compact form cannot hold (JSON), and a disclosure.
        ConsultationFact[] consultations =
        [
            Consultation("feb-a", 3, "Adopted", new NationAnswer("FR", "approve", AnswerTimings.OnTime, 7200.125), new NationAnswer("DE", null, AnswerTimings.Late, null)),
            Consultation("feb-b", 11, "Rejected", new NationAnswer("IT", "object", AnswerTimings.OnTime, 1e-3), new NationAnswer("JP", null, AnswerTimings.Silent, null)),
            Consultation("feb-c", 19, "Adopted", new NationAnswer("GB", "abstain", AnswerTimings.OnTime, 86_399.5)),
            Consultation("feb-d", 27, "Expired", new NationAnswer("US", string.Empty, AnswerTimings.OnTime, 60)),
        ];
        var disclosure = new DisclosureFact(
            "feb-e", "Budget 2024", DisclosureOutcomes.MilitaryExpenditureKind, "CA", DisclosureOutcomes.Published,
            new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 2, 9, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 2, 9, 0, 0, 0, TimeSpan.Zero), 1, 3, 2, 1.4, 12);
        await this.facts.WriteAsync(consultations[0]);
        await this.facts.WriteAsync(consultations[1]);
        FactEntity legacy = FactStore.ToEntity(consultations[2]);
        legacy.Body = JsonSerializer.Serialize(consultations[2], StoredJson.Options);
        await fixture.Clients.Table(StorageNames.ReportFactsTable).UpsertEntityAsync(legacy, TableUpdateMode.Replace);
        await this.facts.WriteAsync(consultations[3]);
        await this.facts.WriteAsync(disclosure);

        // Act
        PeriodFacts read = await this.facts.ReadPeriodAsync(ReportPeriod.Month(2024, 2));
        IReadOnlyList<ReportTally> tallies = await this.facts.ReadPeriodAsync(ReportPeriod.Month(2024, 2), () => new ReportTally());

        // Assert: the rows are stored in the forms described, and read back to the facts written.
        var bodies = new Dictionary<string, (string Table, string Body)>();
        foreach (string table in StorageNames.ReportFactShardTables.Append(StorageNames.ReportFactsTable))
        {
            foreach (string partition in FactEntity.PartitionsOf("2024-02"))
            {
                await foreach (FactEntity row in fixture.Clients.Table(table).QueryAsync<FactEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}")))
                {
                    bodies.Add(row.RowKey, (table, row.Body));
                }
            }
        }

        string TableOf(string id) => StorageNames.ReportFactShardTables[FactEntity.ShardOfPartition(FactEntity.ConstructPartitionKey("2024-02", id))];
        Assert.Equal(
            [TableOf("feb-a"), TableOf("feb-b"), StorageNames.ReportFactsTable, TableOf("feb-d"), TableOf("feb-e")],
            new[] { "c-feb-a", "c-feb-b", "c-feb-c", "c-feb-d", "d-feb-e" }.Select(k => bodies[k].Table));

        Assert.Equal([true, true, false, false], consultations.Select(c => CompactFact.IsCompact(bodies["c-" + c.Id].Body)));
        Assert.StartsWith("{", bodies["d-feb-e"].Body, StringComparison.Ordinal);
        Assert.Equal(Exactly(consultations), Exactly(read.Consultations));
        Assert.Equal(Exactly([disclosure]), Exactly(read.Disclosures));

        // Assert: one tally per partition of the month, together the report of the facts.
        Assert.Equal(FactEntity.Shards, tallies.Count);
        var generatedAt = new DateTimeOffset(2024, 3, 1, 6, 0, 0, TimeSpan.Zero);
        PeriodReport expected = ReportCalculator.Compute(ReportPeriod.Month(2024, 2), new PeriodFacts(consultations, [disclosure]), null, generatedAt);
        PeriodReport streamed = ReportCalculator.Compute(ReportPeriod.Month(2024, 2), tallies, null, generatedAt);
        Assert.Equal(5, streamed.FactsRead);
        Assert.Equal(JsonSerializer.Serialize(expected, StoredJson.Options), JsonSerializer.Serialize(streamed, StoredJson.Options));
    }

    [Fact]
    public async Task A_fact_written_again_after_the_change_counts_once_as_last_written_and_moves_out_of_both_tables()
    {
        // Arrange: April 2024; the row as the earlier version wrote it, then the close retried by this version (which
        // writes the shard's table) with a corrected title.
        ConsultationFact fact = Consultation("apr-a", 5, "Withdrawn", new NationAnswer("EU", null, AnswerTimings.Silent, null)) with
        {
            OpenedAt = new DateTimeOffset(2024, 4, 1, 8, 0, 0, TimeSpan.Zero),
            ClosedAt = new DateTimeOffset(2024, 4, 5, 8, 0, 0, TimeSpan.Zero),
        };
        FactEntity legacy = FactStore.ToEntity(fact);
        legacy.Body = JsonSerializer.Serialize(fact, StoredJson.Options);
        await fixture.Clients.Table(StorageNames.ReportFactsTable).UpsertEntityAsync(legacy, TableUpdateMode.Replace);
        ConsultationFact corrected = fact with { Title = "Corrected title" };

        // Act
        await this.facts.WriteAsync(corrected);
        PeriodFacts read = await this.facts.ReadPeriodAsync(ReportPeriod.Month(2024, 4));
        ConsultationFact? got = await this.facts.GetConsultationAsync("2024-04", "apr-a");

        // Assert: once, as last written.
        Assert.Equal(Exactly([corrected]), Exactly(read.Consultations));
        Assert.Equal(Exactly([corrected]), Exactly([got!]));

        // Act: the demo data moves the fact to May.
        ConsultationFact? moved = await this.facts.RefileConsultationAsync("apr-a", "2024-04", new DateTimeOffset(2024, 5, 2, 8, 0, 0, TimeSpan.Zero));

        // Assert: gone from April in both tables, in May once.
        Assert.NotNull(moved);
        Assert.Empty((await this.facts.ReadPeriodAsync(ReportPeriod.Month(2024, 4))).Consultations);
        Assert.Equal(Exactly([moved]), Exactly((await this.facts.ReadPeriodAsync(ReportPeriod.Month(2024, 5))).Consultations));
    }

    [Fact]
    public async Task A_fact_only_in_the_earlier_table_is_found_and_can_be_moved()
    {
        // Arrange: June 2024, written before the change only.
        ConsultationFact fact = Consultation("jun-a", 1, "Adopted", new NationAnswer("CA", "approve", AnswerTimings.OnTime, 90)) with
        {
            OpenedAt = new DateTimeOffset(2024, 6, 1, 8, 0, 0, TimeSpan.Zero),
            ClosedAt = new DateTimeOffset(2024, 6, 3, 8, 0, 0, TimeSpan.Zero),
        };
        FactEntity legacy = FactStore.ToEntity(fact);
        legacy.Body = JsonSerializer.Serialize(fact, StoredJson.Options);
        await fixture.Clients.Table(StorageNames.ReportFactsTable).UpsertEntityAsync(legacy, TableUpdateMode.Replace);

        // Act
        ConsultationFact? got = await this.facts.GetConsultationAsync("2024-06", "jun-a");
        ConsultationFact? moved = await this.facts.RefileConsultationAsync("jun-a", "2024-06", new DateTimeOffset(2024, 7, 3, 8, 0, 0, TimeSpan.Zero));

        // Assert
        Assert.Equal(Exactly([fact]), Exactly([got!]));
        Assert.Empty((await this.facts.ReadPeriodAsync(ReportPeriod.Month(2024, 6))).Consultations);
        Assert.Equal(Exactly([moved!]), Exactly((await this.facts.ReadPeriodAsync(ReportPeriod.Month(2024, 7))).Consultations));
        Assert.True(CompactFact.IsCompact((await fixture.Clients.Table(TableOfFact("2024-07", "jun-a")).GetEntityAsync<FactEntity>(FactEntity.ConstructPartitionKey("2024-07", "jun-a"), "c-jun-a")).Value.Body));
    }

    private static string TableOfFact(string month, string id) =>
        StorageNames.ReportFactShardTables[FactEntity.ShardOfPartition(FactEntity.ConstructPartitionKey(month, id))];
}
