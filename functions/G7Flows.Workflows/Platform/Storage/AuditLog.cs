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
/// The append-only audit trail: one partition per workflow, rows ordered by time. Entries are only
/// ever added (<c>AddEntity</c>); an entry that already exists is a retry and is left as it is.
/// </summary>
public sealed class AuditLog(StorageClients storage)
{
    private readonly TableClient table = storage.Table(StorageNames.AuditTable);

    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        AuditEntity entity = ToEntity(entry);
        try
        {
            await this.table.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Written already by an earlier attempt of the same step.
        }
    }

    /// <summary>
    /// Adds the entries that are not in the trail yet, in as few requests as the partition allows: one query for
    /// the keys already there, then batches of up to 100 (a workflow's entries share one partition).
    /// </summary>
    /// <returns>The entries that were missing and have been added.</returns>
    public async Task<IReadOnlyList<AuditEntry>> AppendMissingAsync(string workflowId, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var present = new HashSet<string>(StringComparer.Ordinal);
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {workflowId}");
        await foreach (TableEntity row in this.table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            present.Add(row.RowKey);
        }

        return await this.AddAllAsync(entries.Where(e => present.Add(ToEntity(e).RowKey)).ToList(), cancellationToken);
    }

    /// <summary>
    /// Adds entries that the caller found missing from the trail it read, in batches of up to 100 per partition (one
    /// request for a workflow's entries); an entry added meanwhile by someone else is left as it is.
    /// </summary>
    /// <returns>The entries given.</returns>
    public async Task<IReadOnlyList<AuditEntry>> AddAllAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var missing = entries.Select(e => (Entry: e, Entity: ToEntity(e))).ToList();
        foreach (var chunk in missing.GroupBy(m => m.Entity.PartitionKey, StringComparer.Ordinal).SelectMany(g => g.Chunk(100)))
        {
            try
            {
                await this.table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e.Entity)), cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                // Someone added one of them meanwhile: add the rest one by one.
                foreach (var (entry, _) in chunk)
                {
                    await this.AppendAsync(entry, cancellationToken);
                }
            }
        }

        return missing.Select(m => m.Entry).ToList();
    }

    public async Task<IReadOnlyList<AuditEntity>> ReadAsync(string workflowId, CancellationToken cancellationToken = default)
    {
        var entries = new List<AuditEntity>();
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {workflowId}");
        await foreach (AuditEntity entity in this.table.QueryAsync<AuditEntity>(filter, cancellationToken: cancellationToken))
        {
            entries.Add(entity);
        }

        return entries;
    }

    /// <summary>The row an entry becomes (its key orders the trail by time).</summary>
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
}
