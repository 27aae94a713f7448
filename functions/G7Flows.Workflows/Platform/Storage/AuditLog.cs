using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace G7Flows.Workflows.Platform.Storage;

/// <summary>One entry for the audit trail.</summary>
/// <param name="Discriminator">Makes the row key unique for the same instant; deterministic for workflow entries so a retried activity adds nothing twice.</param>
public sealed record AuditEntry(string WorkflowId, DateTimeOffset At, string Actor, string Action, string Source, string Discriminator, string? Nation = null, string? Detail = null)
{
    /// <summary>
    /// A refused request, recorded once per workflow, caller, nation and reason however often it is repeated: the key
    /// derives from those and from <paramref name="anchor"/> (the fixed moment that makes the request refused, such as
    /// the deadline), not from the time of the request, so a repeat finds its entry there and adds nothing. The trail
    /// therefore cannot be grown without bound by sending a refused request again and again.
    /// </summary>
    /// <param name="reason">A short name, such as <c>late-response</c>; the action is <c>{reason}-refused</c>.</param>
    /// <param name="subject">The caller's stable identifier; only a hash of it goes into the key.</param>
    public static AuditEntry Refusal(
        string workflowId, string reason, DateTimeOffset anchor, string actor, string subject, string source, string? nation = null, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(subject);
        string caller = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(subject)).AsSpan(0, 8));
        return new AuditEntry(workflowId, anchor, actor, $"{reason}-refused", source, $"refused-{reason}-{nation ?? "any"}-{caller}", nation, detail);
    }
}

/// <summary>
/// The append-only, hash-chained audit trail: one partition per workflow, rows ordered by time, each entry linked to the
/// one appended before it (<see cref="AuditChain"/>). Entries are only ever added: each append reads the partition's head
/// row and, in one entity-group transaction, adds the entries linked after it and replaces the head under its ETag, so
/// concurrent appends cannot fork the chain (the loser gets 412 or 409, reads the new head and tries again). An entry whose
/// key is there already is a retry and is left as it is.
/// </summary>
public sealed class AuditLog(StorageClients storage)
{
    /// <summary>Entries per transaction; the head row is the hundredth action.</summary>
    private const int EntriesPerTransaction = 99;

    /// <summary>How often one append tries again after losing the head to another writer before it gives up.</summary>
    private const int MaxAttempts = 200;

    /// <summary>How many partitions' heads this process remembers before it forgets them all.</summary>
    private const int HeadsRemembered = 10_000;

    private readonly TableClient table = storage.Table(StorageNames.AuditTable);

    /// <summary>
    /// The heads this process wrote last, with their ETags, so that its next append to the partition needs no read: a head
    /// moved by another writer meanwhile costs a 412 and a read, never a fork.
    /// </summary>
    private readonly ConcurrentDictionary<string, AuditHeadEntity> heads = new(StringComparer.Ordinal);

    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        AuditEntity entity = ToEntity(entry);
        await this.AppendChainedAsync(entity.PartitionKey, [entity], cancellationToken);
    }

    /// <summary>
    /// Adds the entries that are not in the trail yet, in as few requests as the partition allows: one query for
    /// the keys already there, then the head and transactions of up to 99 entries (a workflow's entries share one partition).
    /// </summary>
    /// <returns>The entries that were missing and have been added.</returns>
    public async Task<IReadOnlyList<AuditEntry>> AppendMissingAsync(string workflowId, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var present = new HashSet<string>(StringComparer.Ordinal);
        await foreach (TableEntity row in this.table.QueryAsync<TableEntity>(EntriesOf(workflowId), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            present.Add(row.RowKey);
        }

        var missing = entries.Where(e => present.Add(ToEntity(e).RowKey)).ToList();
        await this.AddAllAsync(missing, cancellationToken);
        return missing;
    }

    /// <summary>
    /// Adds entries that the caller found missing from the trail it read, linked in the order given, in transactions of up
    /// to 99 per partition with the head; an entry added meanwhile by someone else is left as it is.
    /// </summary>
    /// <returns>The entries given.</returns>
    public async Task<IReadOnlyList<AuditEntry>> AddAllAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        await this.AppendAllAsync(entries, cancellationToken: cancellationToken);
        return entries;
    }

    /// <summary>
    /// Adds the entries like <see cref="AddAllAsync"/> and returns every one of them as it is stored, with its place in the
    /// chain: the rows written now and, for an entry that was there already, the stored row.
    /// </summary>
    /// <param name="entries">The entries.</param>
    /// <param name="trailIsEmpty">
    /// True when the caller knows that nothing was appended to the workflow's trail yet (a consultation whose row says so):
    /// the first transaction then creates the head without reading it first; if the caller was wrong, the head is there,
    /// the transaction fails with 409 and nothing is lost.
    /// </param>
    /// <param name="cancellationToken">Cancels the appends.</param>
    public async Task<IReadOnlyList<AuditEntity>> AppendAllAsync(IReadOnlyList<AuditEntry> entries, bool trailIsEmpty = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var stored = new List<AuditEntity>(entries.Count);
        foreach (var partition in entries.Select(ToEntity).GroupBy(e => e.PartitionKey, StringComparer.Ordinal))
        {
            stored.AddRange(await this.AppendChainedAsync(partition.Key, [.. partition.DistinctBy(e => e.RowKey, StringComparer.Ordinal)], cancellationToken, trailIsEmpty));
        }

        return stored;
    }

    /// <summary>The workflow's entries (without the head row), in row-key (time) order.</summary>
    public async Task<IReadOnlyList<AuditEntity>> ReadAsync(string workflowId, CancellationToken cancellationToken = default)
    {
        var entries = new List<AuditEntity>();
        await foreach (AuditEntity entity in this.table.QueryAsync<AuditEntity>(EntriesOf(workflowId), cancellationToken: cancellationToken))
        {
            entries.Add(entity);
        }

        return entries;
    }

    /// <summary>The whole partition in one query: the entries and the head row (null when there is none).</summary>
    public async Task<(IReadOnlyList<AuditEntity> Entries, AuditHeadEntity? Head)> ReadChainAsync(string workflowId, CancellationToken cancellationToken = default)
    {
        var entries = new List<AuditEntity>();
        AuditHeadEntity? head = null;
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {workflowId}");
        await foreach (TableEntity row in this.table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.RowKey == AuditHeadEntity.RowKeyValue)
            {
                head = EntityMapper.Map<AuditHeadEntity>(row);
            }
            else
            {
                entries.Add(EntityMapper.Map<AuditEntity>(row));
            }
        }

        return (entries, head);
    }

    /// <summary>The head of the workflow's chain, or null before its first entry.</summary>
    public async Task<AuditHeadEntity?> ReadHeadAsync(string workflowId, CancellationToken cancellationToken = default)
    {
        NullableResponse<AuditHeadEntity> head = await this.table.GetEntityIfExistsAsync<AuditHeadEntity>(
            KeySanitizer.Check(workflowId), AuditHeadEntity.RowKeyValue, cancellationToken: cancellationToken);
        return head.HasValue ? head.Value : null;
    }

    /// <summary>The row an entry becomes (its key orders the trail by time); its chain fields are set when it is appended.</summary>
    public static AuditEntity ToEntity(AuditEntry entry) => entry is null ? throw new ArgumentNullException(nameof(entry)) : new()
    {
        PartitionKey = KeySanitizer.Check(entry.WorkflowId),
        RowKey = $"{entry.At.UtcTicks:D19}-{KeySanitizer.Check(entry.Discriminator)}",
        At = entry.At,
        Actor = entry.Actor,
        Action = entry.Action,
        Nation = entry.Nation,
        Detail = entry.Detail,
        Source = entry.Source,
    };

    private static string EntriesOf(string workflowId) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {workflowId} and RowKey lt {AuditHeadEntity.RowKeyValue}");

    /// <summary>
    /// Links <paramref name="pending"/> after the head and adds them with the new head in one transaction per 99 entries;
    /// on 409 or 412 (another writer moved the head, or an entry is there already) takes out the entries that are there
    /// and tries again from the new head.
    /// </summary>
    private async Task<List<AuditEntity>> AppendChainedAsync(string partition, List<AuditEntity> pending, CancellationToken cancellationToken, bool trailIsEmpty = false)
    {
        var stored = new List<AuditEntity>(pending.Count);
        int attempt = 0;
        bool guess = true;
        while (pending.Count > 0)
        {
            // The first attempt takes the head this process wrote last (or none, when the caller knows the trail is empty);
            // every later one reads it.
            AuditHeadEntity? head = guess && this.heads.TryGetValue(partition, out AuditHeadEntity? known) ? known
                : guess && trailIsEmpty ? null
                : await this.ReadHeadAsync(partition, cancellationToken);
            guess = false;
            List<AuditEntity> chunk = pending.Take(EntriesPerTransaction).ToList();
            long sequence = head?.Sequence ?? 0;
            string previous = head?.Hash ?? AuditChain.Genesis;
            foreach (AuditEntity entity in chunk)
            {
                previous = AuditChain.Link(entity, ++sequence, previous).Hash!;
            }

            var next = new AuditHeadEntity { PartitionKey = partition, Sequence = sequence, Hash = previous, LastRowKey = chunk[^1].RowKey };
            var actions = chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)).ToList();
            actions.Add(head is null
                ? new TableTransactionAction(TableTransactionActionType.Add, next)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, next, head.ETag));
            try
            {
                Response<IReadOnlyList<Response>> response = await this.table.SubmitTransactionAsync(actions, cancellationToken);
                stored.AddRange(chunk);
                pending.RemoveRange(0, chunk.Count);
                attempt = 0;
                this.Remember(next, response.Value.Count == actions.Count ? response.Value[^1].Headers.ETag : null);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && ++attempt < MaxAttempts)
            {
                this.heads.TryRemove(partition, out _);
                IReadOnlyList<AuditEntity> found = await this.FindAsync(partition, chunk, cancellationToken);
                if (found.Count > 0)
                {
                    // Written already by an earlier attempt of the same step: keep the stored rows as they are.
                    var keys = found.Select(f => f.RowKey).ToHashSet(StringComparer.Ordinal);
                    stored.AddRange(found);
                    pending.RemoveAll(e => keys.Contains(e.RowKey));
                }
                else
                {
                    // Another writer extended the chain first: back off a little, with jitter, and link after its head.
                    await Task.Delay(Random.Shared.Next(0, Math.Min(5 * attempt, 100)), cancellationToken);
                }
            }
        }

        return stored;
    }

    private void Remember(AuditHeadEntity head, ETag? etag)
    {
        if (etag is not { } value)
        {
            this.heads.TryRemove(head.PartitionKey, out _);
            return;
        }

        if (this.heads.Count >= HeadsRemembered)
        {
            this.heads.Clear();
        }

        head.ETag = value;
        this.heads[head.PartitionKey] = head;
    }

    /// <summary>The stored rows of those of <paramref name="entries"/> that are in the partition.</summary>
    private async Task<IReadOnlyList<AuditEntity>> FindAsync(string partition, IReadOnlyList<AuditEntity> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 1)
        {
            NullableResponse<AuditEntity> one = await this.table.GetEntityIfExistsAsync<AuditEntity>(partition, entries[0].RowKey, cancellationToken: cancellationToken);
            return one.HasValue ? [one.Value!] : [];
        }

        var keys = entries.Select(e => e.RowKey).ToHashSet(StringComparer.Ordinal);
        var found = new List<AuditEntity>();
        await foreach (AuditEntity entity in this.table.QueryAsync<AuditEntity>(EntriesOf(partition), cancellationToken: cancellationToken))
        {
            if (keys.Contains(entity.RowKey))
            {
                found.Add(entity);
            }
        }

        return found;
    }
}
