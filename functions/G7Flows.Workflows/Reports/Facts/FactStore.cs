using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using G7Flows.Workflows.Platform.Publishing;
using G7Flows.Workflows.Platform.Storage;
using G7Flows.Workflows.Reports.Domain;

namespace G7Flows.Workflows.Reports.Facts;

/// <summary>
/// The fact tables: written once per closed workflow (an upsert of the same row, so a retried close writes the same
/// fact), read by period: only the partitions of the period's months. Shard <c>s</c> of a month is partition
/// <c>{month}-{s}</c> of table <c>ReportFacts{s}</c>. Rows written before the shards had tables of their own are in
/// <c>ReportFacts</c> under the same keys: a period's reader reads that partition too, after the shard's, and skips a
/// row the shard's table also holds (a close retried since), so older periods keep their figures and nothing counts twice.
/// </summary>
public sealed class FactStore(StorageClients storage)
{
    private static readonly string[] Columns = [nameof(ITableEntity.RowKey), nameof(FactEntity.Body)];

    private readonly TableClient[] shards = [.. StorageNames.ReportFactShardTables.Select(storage.Table)];

    private readonly TableClient earlier = storage.Table(StorageNames.ReportFactsTable);

    public static string MonthOf(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public Task WriteAsync(ConsultationFact fact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fact);
        return this.UpsertAsync(ToEntity(fact), cancellationToken);
    }

    public Task WriteAsync(DisclosureFact fact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fact);
        return this.UpsertAsync(ToEntity(fact), cancellationToken);
    }

    /// <summary>Writes many facts of one partition in batches of 100 (for seeding benchmarks and demo data).</summary>
    public async Task WriteBatchAsync(IEnumerable<FactEntity> entities, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entities);
        foreach (var partition in entities.GroupBy(e => e.PartitionKey))
        {
            TableClient table = this.TableOf(partition.Key);
            foreach (FactEntity[] chunk in partition.Chunk(100))
            {
                await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken);
            }
        }
    }

    /// <summary>Every fact of the period: one query per partition of each of its months, run side by side.</summary>
    public async Task<PeriodFacts> ReadPeriodAsync(ReportPeriod period, CancellationToken cancellationToken = default)
    {
        var consultations = new List<ConsultationFact>();
        var disclosures = new List<DisclosureFact>();
        foreach (PeriodFacts.Collector part in await this.ReadPeriodAsync(period, () => new PeriodFacts.Collector(), cancellationToken))
        {
            consultations.AddRange(part.Consultations);
            disclosures.AddRange(part.Disclosures);
        }

        // The order of the rows does not change any figure, but a stable order makes the report's lists stable.
        consultations.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        disclosures.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return new PeriodFacts(consultations, disclosures);
    }

    /// <summary>
    /// Every fact of the period, handed to sinks as the rows arrive: one query per partition of each of the period's
    /// months, run side by side, each into its own sink from <paramref name="newSink"/> (so a sink needs no lock).
    /// Returns the sinks, in partition order, for the caller to combine.
    /// </summary>
    public async Task<IReadOnlyList<TSink>> ReadPeriodAsync<TSink>(ReportPeriod period, Func<TSink> newSink, CancellationToken cancellationToken = default)
        where TSink : IFactSink
    {
        ArgumentNullException.ThrowIfNull(newSink);
        var partitions = period.Months.SelectMany(FactEntity.PartitionsOf).ToList();
        var sinks = partitions.Select(_ => newSink()).ToList();
        await Task.WhenAll(partitions.Select((p, i) => this.ReadPartitionAsync(p, sinks[i], cancellationToken)));
        return sinks;
    }

    /// <summary>Where a consultation's fact of a month is: its keys, and the tables that may hold it (its shard's, then the table before the shards).</summary>
    private (string Partition, string Row, TableClient[] Tables) Locate(string month, string consultationId)
    {
        string partition = FactEntity.ConstructPartitionKey(month, consultationId);
        return (partition, FactEntity.ConstructRowKey(FactKind.Consultation, consultationId), [this.TableOf(partition), this.earlier]);
    }

    /// <summary>The fact row of a consultation in a month, or null (for tests and the demo data).</summary>
    public async Task<ConsultationFact?> GetConsultationAsync(string month, string consultationId, CancellationToken cancellationToken = default)
    {
        var (partition, row, tables) = this.Locate(month, consultationId);
        foreach (TableClient table in tables)
        {
            var response = await table.GetEntityIfExistsAsync<FactEntity>(partition, row, Columns, cancellationToken);
            if (response.HasValue)
            {
                return ConsultationOf(response.Value!.Body);
            }
        }

        return null;
    }

    /// <summary>
    /// Moves a consultation's fact to another time: every time in it shifted by the same amount, so that it closes at
    /// <paramref name="closedAt"/>, in that month's partitions. Only for demo data and tests: a period that has ended
    /// cannot be lived through again, so consultations run now through the API are filed into the month being filled.
    /// Returns the moved fact, or null when the consultation has no fact in <paramref name="fromMonth"/>.
    /// </summary>
    public async Task<ConsultationFact?> RefileConsultationAsync(string consultationId, string fromMonth, DateTimeOffset closedAt, CancellationToken cancellationToken = default)
    {
        if (await this.GetConsultationAsync(fromMonth, consultationId, cancellationToken) is not { } fact)
        {
            return null;
        }

        TimeSpan shift = closedAt - fact.ClosedAt;
        ConsultationFact moved = fact with { OpenedAt = fact.OpenedAt + shift, ClosedAt = closedAt };
        await this.WriteAsync(moved, cancellationToken);
        if (MonthOf(closedAt) != fromMonth)
        {
            // From wherever the fact was read (a missing row is no error: deleting it is the point).
            var (partition, row, tables) = this.Locate(fromMonth, consultationId);
            foreach (TableClient table in tables)
            {
                try
                {
                    await table.DeleteEntityAsync(partition, row, cancellationToken: cancellationToken);
                }
                catch (RequestFailedException e) when (e.Status == 404)
                {
                }
            }
        }

        return moved;
    }

    public static FactEntity ToEntity(ConsultationFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        return new FactEntity
        {
            PartitionKey = FactEntity.ConstructPartitionKey(MonthOf(fact.ClosedAt), fact.Id),
            RowKey = FactEntity.ConstructRowKey(FactKind.Consultation, fact.Id),
            Kind = "consultation",
            Body = CompactFact.TryEncode(fact) ?? JsonSerializer.Serialize(fact, Json.Options),
        };
    }

    public static FactEntity ToEntity(DisclosureFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        return new FactEntity
        {
            PartitionKey = FactEntity.ConstructPartitionKey(MonthOf(fact.ClosedAt), fact.Id),
            RowKey = FactEntity.ConstructRowKey(FactKind.Disclosure, fact.Id),
            Kind = "disclosure",
            Body = JsonSerializer.Serialize(fact, Json.Options),
        };
    }

    private Task UpsertAsync(FactEntity entity, CancellationToken cancellationToken) =>
        this.TableOf(entity.PartitionKey).UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);

    private TableClient TableOf(string partitionKey) => this.shards[FactEntity.ShardOfPartition(partitionKey)];

    /// <summary>A partition of a month: the shard's table, then the rows of the earlier table that it does not hold.</summary>
    private async Task ReadPartitionAsync(string partition, IFactSink sink, CancellationToken cancellationToken)
    {
        var read = new HashSet<string>(StringComparer.Ordinal);
        await ReadRowsAsync(this.TableOf(partition), partition, sink, read, cancellationToken);
        await ReadRowsAsync(this.earlier, partition, sink, read, cancellationToken);
    }

    private static async Task ReadRowsAsync(TableClient table, string partition, IFactSink sink, HashSet<string> read, CancellationToken cancellationToken)
    {
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");

        // The row key says the kind: the query returns it and the body, nothing else, 1,000 rows a page (the most the
        // service gives). Read as TableEntity, a dictionary the client fills anyway, rather than bound to FactEntity.
        await foreach (TableEntity row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: Columns, cancellationToken: cancellationToken))
        {
            string? body = row.GetString(nameof(FactEntity.Body));
            if (body is null || !read.Add(row.RowKey))
            {
                continue;
            }

            if (row.RowKey.StartsWith(FactEntity.ConsultationPrefix, StringComparison.Ordinal))
            {
                sink.Add(ConsultationOf(body));
            }
            else if (row.RowKey.StartsWith(FactEntity.DisclosurePrefix, StringComparison.Ordinal))
            {
                sink.Add(JsonSerializer.Deserialize<DisclosureFact>(body, Json.Options)!);
            }
        }
    }

    /// <summary>A consultation's fact from its row's body: the compact form, or JSON (rows written before it, and facts it cannot hold).</summary>
    private static ConsultationFact ConsultationOf(string body) =>
        CompactFact.IsCompact(body) ? CompactFact.Decode(body) : JsonSerializer.Deserialize<ConsultationFact>(body, Json.Options)!;
}
