using System.Text;
using Azure;
using Azure.Data.Tables;
using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Platform.Storage;
using Microsoft.Extensions.Caching.Memory;

namespace G7Flows.Workflows.Consultations.Storage;

/// <summary>A consultation with its positions, read from its partition in one query.</summary>
public sealed record ConsultationSnapshot(ConsultationEntity Consultation, IReadOnlyList<PositionEntity> Positions)
{
    public PositionEntity? PositionOf(string nation) => this.Positions.FirstOrDefault(p => p.Nation == nation);
}

/// <summary>A page of the consultation list.</summary>
public sealed record ConsultationPage(IReadOnlyList<ConsultationIndexEntity> Items, string? ContinuationToken);

/// <summary>
/// G7Flows' business state for consultations in Azure Tables. Every update carries the ETag it read;
/// a 412 means someone else wrote first and is reported to the caller, never overwritten.
/// </summary>
/// <remarks>
/// The partitions this process wrote or read last are kept in memory (a bounded cache), so that an answer need not
/// read its partition first. The cache only saves reads: every write is conditional on the ETags it holds, so a stale
/// entry (another instance wrote, the close happened) fails with 412 and the partition is read again.
/// </remarks>
public sealed class ConsultationStore(StorageClients storage) : IDisposable
{
    private const int MaxConcurrencyRetries = 10;

    private readonly MemoryCache snapshots = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    private readonly TableClient consultations = storage.Table(StorageNames.ConsultationsTable);
    private readonly TableClient index = storage.Table(StorageNames.ConsultationIndexTable);
    private readonly TableClient tasks = storage.Table(StorageNames.ReviewTasksTable);
    private readonly TableClient notifications = storage.Table(StorageNames.NotificationsTable);

    /// <summary>
    /// Stores a new consultation and a pending position for each participant in one transaction.
    /// Returns the stored consultation: the new one, or the one that already had this id.
    /// </summary>
    public async Task<(bool Created, ConsultationSnapshot Snapshot)> CreateAsync(
        ConsultationEntity consultation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        var positions = SplitList(consultation.Participants)
            .Select(n => new PositionEntity
            {
                PartitionKey = consultation.PartitionKey,
                RowKey = PositionEntity.ConstructRowKey(n),
                Nation = n,
            })
            .ToList();
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, consultation) };
        actions.AddRange(positions.Select(p => new TableTransactionAction(TableTransactionActionType.Add, p)));
        try
        {
            Response<IReadOnlyList<Response>> result = await this.consultations.SubmitTransactionAsync(actions, cancellationToken);
            var created = new ConsultationSnapshot(consultation, positions);
            if (TakeETags(result.Value, [consultation, .. positions]))
            {
                this.Remember(created);
            }

            return (true, created);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            ConsultationSnapshot existing = await this.GetAsync(consultation.PartitionKey, cancellationToken)
                ?? throw new InvalidOperationException($"Consultation {consultation.PartitionKey} conflicted but cannot be read.", ex);
            return (false, existing);
        }
    }

    /// <summary>Reads a consultation and its positions, or null when there is none.</summary>
    public async Task<ConsultationSnapshot?> GetAsync(string consultationId, CancellationToken cancellationToken = default)
    {
        ConsultationEntity? consultation = null;
        var positions = new List<PositionEntity>();
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {consultationId}");
        await foreach (TableEntity row in this.consultations.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.RowKey == ConsultationEntity.Row)
            {
                consultation = Convert<ConsultationEntity>(row);
            }
            else if (PositionEntity.IsPositionRow(row.RowKey))
            {
                positions.Add(Convert<PositionEntity>(row));
            }
        }

        if (consultation is null)
        {
            return null;
        }

        var order = SplitList(consultation.Participants).ToList();
        positions.Sort((a, b) => order.IndexOf(a.Nation).CompareTo(order.IndexOf(b.Nation)));
        var snapshot = new ConsultationSnapshot(consultation, positions);
        this.Remember(snapshot);
        return snapshot;
    }

    /// <summary>
    /// The partition as this process last wrote or read it (a copy the caller may change), or read now when it is not
    /// in memory. Use it only before a conditional write: what it says may be stale, and only a write with its ETags
    /// proves it is not.
    /// </summary>
    public async Task<(ConsultationSnapshot? Snapshot, bool FromCache)> GetForWriteAsync(string consultationId, CancellationToken cancellationToken = default)
    {
        if (this.snapshots.TryGetValue(consultationId, out ConsultationSnapshot? cached) && cached is not null)
        {
            return (Copy(cached), true);
        }

        return (await this.GetAsync(consultationId, cancellationToken), false);
    }

    /// <summary>Forgets what is held in memory about a consultation (after a write whose result is not known).</summary>
    public void Forget(string consultationId) => this.snapshots.Remove(consultationId);

    public void Dispose() => this.snapshots.Dispose();

    private void Remember(ConsultationSnapshot snapshot) =>
        this.snapshots.Set(snapshot.Consultation.PartitionKey, Copy(snapshot), new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });

    private static ConsultationSnapshot Copy(ConsultationSnapshot snapshot) =>
        new(snapshot.Consultation.Copy(), [.. snapshot.Positions.Select(p => p.Copy())]);

    /// <summary>Takes the new ETags from a transaction's responses, in the order of its actions; false if one is missing.</summary>
    private static bool TakeETags(IReadOnlyList<Response> responses, IReadOnlyList<ITableEntity> entities)
    {
        if (responses.Count != entities.Count)
        {
            return false;
        }

        for (int i = 0; i < entities.Count; i++)
        {
            if (responses[i].Headers.ETag is not { } etag)
            {
                return false;
            }

            entities[i].ETag = etag;
        }

        return true;
    }

    /// <summary>
    /// Stores an answer in one entity group transaction that also touches the consultation row with the ETag it was
    /// read with. Answers and the close are thereby serialized by that row: an answer stored before the close is
    /// seen (and counted) by it, and an answer after it fails here (412) and is read again as closed.
    /// False when anything in the partition changed since <paramref name="snapshot"/> was read.
    /// </summary>
    /// <param name="decides">
    /// The stored answers, this one included, decide the outcome: the row's <see cref="ConsultationEntity.DecidedAt"/>
    /// is set in the same transaction (when it is not set already), so that the decision is never stored without it.
    /// </param>
    public async Task<bool> TryStoreAnswerAsync(ConsultationSnapshot snapshot, PositionEntity position, bool decides = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(position);
        ConsultationEntity c = snapshot.Consultation;
        var touch = new TableEntity(c.PartitionKey, ConsultationEntity.Row) { [nameof(ConsultationEntity.LastAnswerAt)] = position.RespondedAt };
        if (decides && c.DecidedAt is null)
        {
            touch[nameof(ConsultationEntity.DecidedAt)] = position.RespondedAt;
        }
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.UpdateReplace, position, position.ETag),
            new(TableTransactionActionType.UpdateMerge, touch, c.ETag),
        ];
        try
        {
            Response<IReadOnlyList<Response>> result = await this.consultations.SubmitTransactionAsync(actions, cancellationToken);
            ConsultationEntity after = c.Copy();
            after.LastAnswerAt = position.RespondedAt;
            after.DecidedAt ??= decides ? position.RespondedAt : null;
            PositionEntity stored = position.Copy();
            if (TakeETags(result.Value, [stored, after]))
            {
                this.Remember(new ConsultationSnapshot(after, [.. snapshot.Positions.Select(p => p.Nation == stored.Nation ? stored : p)]));
            }
            else
            {
                this.Forget(c.PartitionKey);
            }

            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 412 or 409)
        {
            this.Forget(c.PartitionKey);
            return false;
        }
    }

    /// <summary>The answered positions of a snapshot, as response events.</summary>
    public static IReadOnlyList<ResponseEvent> StoredResponses(ConsultationSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.Positions
            .Where(p => p.Position is not null && p.RespondedAt is not null)
            .Select(p => WireNames.TryParsePosition(p.Position, out var position)
                ? new ResponseEvent(p.Nation, position, p.Respondent ?? string.Empty, p.RespondedAt!.Value.UtcDateTime)
                : null)
            .OfType<ResponseEvent>()
            .ToList();
    }

    /// <summary>
    /// Closes the consultation if <paramref name="decide"/> finds an outcome in what is stored: the row's status and
    /// reason and every answered position's <c>Counted</c> flag, in one transaction conditional on the ETags read.
    /// An answer stored meanwhile makes it fail (412); the partition is then read and decided again, so every stored
    /// answer is counted. A consultation that is already closed is returned as it is (a retried close).
    /// </summary>
    /// <remarks>
    /// The first attempt decides from the partition as this process last wrote or read it, when it holds it (the
    /// deciding answer usually went through this process a moment before): every write to the partition changes the
    /// consultation row, whose ETag the transaction carries, so a stale copy costs a 412 and a read, never a close that
    /// leaves out a stored answer. A copy that says the consultation is closed, or that decides nothing, is not trusted:
    /// the partition is read and decided again.
    /// </remarks>
    /// <returns>The partition as it now stands, and whether this call closed it.</returns>
    public async Task<(ConsultationSnapshot Snapshot, bool ClosedNow)> CloseAsync(
        string consultationId, Func<ConsultationSnapshot, Decision?> decide, DateTimeOffset closedAt, string closedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decide);
        for (int attempt = 0; ; attempt++)
        {
            ConsultationSnapshot? held = attempt == 0 && this.snapshots.TryGetValue(consultationId, out ConsultationSnapshot? copy) ? copy : null;
            bool fromCopy = held is not null;
            if (!fromCopy)
            {
                this.Forget(consultationId);
            }

            ConsultationSnapshot snapshot = fromCopy ? Copy(held!) : await this.GetAsync(consultationId, cancellationToken)
                ?? throw new InvalidOperationException($"Consultation {consultationId} does not exist.");

            ConsultationEntity c = snapshot.Consultation;
            Decision? decided = c.Status == nameof(ConsultationStatus.Open) ? decide(snapshot) : null;
            if (decided is null && fromCopy)
            {
                // Only a fresh read may say that there is nothing to close.
                continue;
            }

            if (decided is not { } decision)
            {
                return (snapshot, false);
            }

            c.Status = decision.Status.ToString();
            c.OutcomeReason = decision.Reason;
            c.ClosedAt = closedAt;
            c.ClosedBy = closedBy;
            var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, c, c.ETag) };
            foreach (PositionEntity p in snapshot.Positions.Where(p => p.Position is not null && p.Counted != true))
            {
                p.Counted = true;
                p.Late = false;
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, p, p.ETag));
            }

            try
            {
                await this.consultations.SubmitTransactionAsync(actions, cancellationToken);
                this.Forget(consultationId);
                return (snapshot, true);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 412 && attempt < MaxConcurrencyRetries)
            {
                // An answer was stored meanwhile: read again and decide with it.
            }
        }
    }

    /// <summary>
    /// Brings the copies of a closed consultation to their final state, idempotently: the listing row, and no inbox
    /// task left for any participant.
    /// </summary>
    /// <param name="afterWrite">Told the number of each write once it is made (tests crash the process there).</param>
    public async Task SettleCopiesAsync(ConsultationEntity c, Action<int>? afterWrite = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        int writes = 0;
        await this.UpsertIndexAsync(c, cancellationToken);
        afterWrite?.Invoke(++writes);
        foreach (string nation in SplitList(c.Participants))
        {
            await this.DeleteTaskAsync(nation, c.PartitionKey, cancellationToken);
            afterWrite?.Invoke(++writes);
        }
    }

    /// <summary>
    /// Brings the copies of a consultation this close has just decided to their final state: the listing row, and the
    /// inbox tasks of the nations that did not answer. An answer removes its nation's task before it is stored (see
    /// <see cref="TryStoreAnswerAsync"/>), so an answered nation has no task left to remove.
    /// </summary>
    /// <param name="snapshot">The consultation as the close stored it.</param>
    /// <param name="afterWrite">Called after each write with its number (1, 2, ...): the crash tests stop the process there.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    public async Task SettleClosedAsync(ConsultationSnapshot snapshot, Action<int>? afterWrite = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        int writes = 0;
        await this.UpsertIndexAsync(snapshot.Consultation, cancellationToken);
        afterWrite?.Invoke(++writes);
        foreach (PositionEntity p in snapshot.Positions.Where(p => p.Position is null))
        {
            await this.DeleteTaskAsync(p.Nation, snapshot.Consultation.PartitionKey, cancellationToken);
            afterWrite?.Invoke(++writes);
        }
    }

    /// <summary>
    /// Notes on the consultation row that its audit trail has an entry written while it is open, before that entry is
    /// written: the close then reads the trail to build the record's timeline.
    /// </summary>
    public async Task MarkTrailWrittenAsync(string consultationId, CancellationToken cancellationToken = default)
    {
        this.Forget(consultationId);
        var change = new TableEntity(consultationId, ConsultationEntity.Row) { [nameof(ConsultationEntity.TrailWritten)] = true };
        await this.consultations.UpdateEntityAsync(change, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>
    /// Records where the record of a closed consultation was published, in one request: a merge of that one column,
    /// which nothing else writes once the consultation is closed.
    /// </summary>
    public async Task SetRecordOnceAsync(string consultationId, string blobName, CancellationToken cancellationToken = default)
    {
        this.Forget(consultationId);
        var change = new TableEntity(consultationId, ConsultationEntity.Row) { [nameof(ConsultationEntity.RecordBlob)] = blobName };
        await this.consultations.UpdateEntityAsync(change, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>
    /// Moves the deadline of an open consultation to <paramref name="until"/>, with the ETag it was read with.
    /// </summary>
    /// <returns>True when stored; false when the row changed meanwhile (the caller reads again and decides).</returns>
    public async Task<bool> TryStoreDeadlineAsync(ConsultationEntity c, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        var change = new TableEntity(c.PartitionKey, ConsultationEntity.Row)
        {
            [nameof(ConsultationEntity.Deadline)] = until,
            [nameof(ConsultationEntity.Extensions)] = c.Extensions + 1,
            [nameof(ConsultationEntity.TrailWritten)] = true,
        };
        this.Forget(c.PartitionKey);
        try
        {
            await this.consultations.UpdateEntityAsync(change, c.ETag, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>The notification partition staff read.</summary>
    public const string StaffInbox = "staff";

    /// <summary>
    /// Marks an open consultation as failed, with the reason; then (also on a retry) brings the listing and the inbox
    /// to that state and notifies staff once. A consultation that closed meanwhile keeps its outcome; if its record
    /// was never published (the workflow failed after the close), staff are told that instead, once.
    /// </summary>
    /// <returns>The consultation row as it now stands.</returns>
    public async Task<ConsultationEntity> FailAsync(FailureRequest failure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ConsultationEntity c = await this.UpdateConsultationAsync(failure.ConsultationId, entity =>
        {
            if (entity.Status != nameof(ConsultationStatus.Open))
            {
                return false; // closed meanwhile, or marked by an earlier attempt
            }

            entity.Status = nameof(ConsultationStatus.Failed);
            entity.OutcomeReason = $"The workflow failed at {failure.Step}: {failure.Reason}";
            entity.ClosedAt = failure.FailedAt;
            entity.ClosedBy = "workflow";
            return true;
        }, cancellationToken);
        if (c.Status == nameof(ConsultationStatus.Failed))
        {
            await this.SettleCopiesAsync(c, cancellationToken: cancellationToken);
            await this.NotifyAsync(
                new NotificationEntity
                {
                    PartitionKey = StaffInbox,
                    RowKey = $"{c.PartitionKey}-failed",
                    Kind = "workflow-failed",
                    ConsultationId = c.PartitionKey,
                    Title = c.Title,
                    Deadline = c.Deadline,
                    CreatedAt = failure.FailedAt,
                },
                cancellationToken);
        }
        else if (c.Status != nameof(ConsultationStatus.Open) && c.RecordBlob is null)
        {
            await this.NotifyAsync(
                new NotificationEntity
                {
                    PartitionKey = StaffInbox,
                    RowKey = $"{c.PartitionKey}-record-not-published",
                    Kind = "record-not-published",
                    ConsultationId = c.PartitionKey,
                    Title = c.Title,
                    Deadline = c.Deadline,
                    CreatedAt = failure.FailedAt,
                },
                cancellationToken);
        }

        return c;
    }

    /// <summary>
    /// Brings the copies of the stored deadline along after an extension: the listing row and the due time of the
    /// inbox tasks that are still open. A task answered meanwhile (404) or changed meanwhile (412) is left alone.
    /// </summary>
    public async Task<ConsultationEntity> SyncDeadlineCopiesAsync(string consultationId, CancellationToken cancellationToken = default)
    {
        ConsultationEntity c = (await this.consultations.GetEntityAsync<ConsultationEntity>(
            consultationId, ConsultationEntity.Row, cancellationToken: cancellationToken)).Value;
        await this.UpsertIndexAsync(c, cancellationToken);
        if (c.Status != nameof(ConsultationStatus.Open))
        {
            return c;
        }

        foreach (string nation in SplitList(c.Participants))
        {
            NullableResponse<ReviewTaskEntity> task = await this.tasks.GetEntityIfExistsAsync<ReviewTaskEntity>(nation, c.PartitionKey, cancellationToken: cancellationToken);
            if (task.HasValue && task.Value is { } t && t.Due != c.Deadline)
            {
                t.Due = c.Deadline;
                try
                {
                    await this.tasks.UpdateEntityAsync(t, t.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                catch (RequestFailedException ex) when (ex.Status is 404 or 412)
                {
                    // Answered (deleted) or changed at the same moment: nothing to bring along.
                }
            }
        }

        return c;
    }

    /// <summary>Records where the consultation record was published.</summary>
    public Task<ConsultationEntity> SetRecordAsync(string consultationId, string blobName, CancellationToken cancellationToken = default) =>
        this.UpdateConsultationAsync(consultationId, entity =>
        {
            if (entity.RecordBlob == blobName)
            {
                return false;
            }

            entity.RecordBlob = blobName;
            return true;
        }, cancellationToken);

    /// <summary>Writes (or refreshes) the listing row of a consultation.</summary>
    public async Task UpsertIndexAsync(ConsultationEntity c, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        var nations = SplitList(c.Participants).ToHashSet(StringComparer.Ordinal);
        var row = new ConsultationIndexEntity
        {
            RowKey = ConsultationIndexEntity.ConstructRowKey(c.CreatedAt, c.PartitionKey),
            ConsultationId = c.PartitionKey,
            Title = c.Title,
            Kind = c.Kind,
            Rule = c.Rule,
            Status = c.Status,
            Participants = c.Participants,
            CreatedAt = c.CreatedAt,
            Deadline = c.Deadline,
            CA = nations.Contains("CA"),
            FR = nations.Contains("FR"),
            DE = nations.Contains("DE"),
            IT = nations.Contains("IT"),
            JP = nations.Contains("JP"),
            GB = nations.Contains("GB"),
            US = nations.Contains("US"),
            EU = nations.Contains("EU"),
        };
        await this.index.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Lists consultations newest first, optionally by status and participating nation.</summary>
    public async Task<ConsultationPage> ListAsync(
        ConsultationStatus? status, string? nation, int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        var filter = new StringBuilder(TableClient.CreateQueryFilter($"PartitionKey eq {ConsultationIndexEntity.Partition}"));
        if (status is { } s)
        {
            filter.Append(" and ").Append(TableClient.CreateQueryFilter($"Status eq {s.ToString()}"));
        }

        if (nation is not null)
        {
            // The nation is checked against the known codes before it reaches here; it names a boolean column.
            filter.Append(" and ").Append(Nations.IsKnown(nation) ? $"{nation} eq true" : throw new ArgumentException("Unknown nation.", nameof(nation)));
        }

        AsyncPageable<ConsultationIndexEntity> query = this.index.QueryAsync<ConsultationIndexEntity>(filter.ToString(), pageSize, cancellationToken: cancellationToken);
        var items = new List<ConsultationIndexEntity>(pageSize);
        string? next = continuationToken;
        await foreach (Page<ConsultationIndexEntity> page in query.AsPages(continuationToken, pageSize))
        {
            items.AddRange(page.Values);
            next = page.ContinuationToken;
            if (items.Count >= pageSize || next is null)
            {
                break;
            }
        }

        return new ConsultationPage(items, next);
    }

    /// <summary>
    /// The ids of consultations whose own row says Open, at most <paramref name="limit"/>: read from the consultations
    /// table itself, not the listing, which a start that stopped half-way may not have written yet. A scan across
    /// partitions, for the admins' reconciliation only.
    /// </summary>
    public Task<IReadOnlyList<string>> ListOpenIdsAsync(int limit, CancellationToken cancellationToken = default) =>
        this.ListConsultationIdsAsync(
            TableClient.CreateQueryFilter($"RowKey eq {ConsultationEntity.Row} and Status eq {nameof(ConsultationStatus.Open)}"), limit, cancellationToken);

    /// <summary>
    /// The ids of open consultations whose stored answers decided the outcome at or before <paramref name="decidedBy"/>,
    /// at most <paramref name="limit"/>: a scan across partitions (the consultation rows only), for the decision sweep.
    /// </summary>
    public Task<IReadOnlyList<string>> ListDecidedOpenIdsAsync(DateTimeOffset decidedBy, int limit, CancellationToken cancellationToken = default) =>
        this.ListConsultationIdsAsync(
            TableClient.CreateQueryFilter($"RowKey eq {ConsultationEntity.Row} and Status eq {nameof(ConsultationStatus.Open)} and DecidedAt le {decidedBy}"),
            limit,
            cancellationToken);

    /// <summary>The partition keys of the rows matching <paramref name="filter"/>, at most <paramref name="limit"/>, reading only the key.</summary>
    private async Task<IReadOnlyList<string>> ListConsultationIdsAsync(string filter, int limit, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (TableEntity row in this.consultations.QueryAsync<TableEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            ids.Add(row.PartitionKey);
            if (ids.Count >= limit)
            {
                break;
            }
        }

        return ids;
    }

    /// <summary>Puts a review task in the inbox of every participant that has not answered.</summary>
    public async Task AssignTasksAsync(ConsultationSnapshot snapshot, DateTimeOffset assignedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ConsultationEntity c = snapshot.Consultation;
        var writes = new List<Task>();
        foreach (PositionEntity p in snapshot.Positions.Where(p => p.Position is null))
        {
            var task = new ReviewTaskEntity
            {
                PartitionKey = p.Nation,
                RowKey = c.PartitionKey,
                ConsultationId = c.PartitionKey,
                Title = c.Title,
                Kind = c.Kind,
                Rule = c.Rule,
                Due = c.Deadline,
                AssignedAt = assignedAt,
            };
            writes.Add(this.tasks.UpsertEntityAsync(task, TableUpdateMode.Replace, cancellationToken));
        }

        // One inbox per nation, so one request per nation; they go out together.
        await Task.WhenAll(writes);
    }

    /// <summary>The open review tasks of one nation, soonest due first.</summary>
    public async Task<IReadOnlyList<ReviewTaskEntity>> ListTasksAsync(string nation, CancellationToken cancellationToken = default)
    {
        var list = new List<ReviewTaskEntity>();
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {nation}");
        await foreach (ReviewTaskEntity task in this.tasks.QueryAsync<ReviewTaskEntity>(filter, cancellationToken: cancellationToken))
        {
            list.Add(task);
        }

        list.Sort((a, b) => a.Due.CompareTo(b.Due));
        return list;
    }

    public async Task DeleteTaskAsync(string nation, string consultationId, CancellationToken cancellationToken = default)
    {
        try
        {
            await this.tasks.DeleteEntityAsync(nation, consultationId, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already done.
        }
    }

    /// <summary>Stores a notification once: a retried reminder finds it there.</summary>
    public async Task NotifyAsync(NotificationEntity notification, CancellationToken cancellationToken = default)
    {
        try
        {
            await this.notifications.AddEntityAsync(notification, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Sent by an earlier attempt.
        }
    }

    public async Task<IReadOnlyList<NotificationEntity>> ListNotificationsAsync(string nation, CancellationToken cancellationToken = default)
    {
        var list = new List<NotificationEntity>();
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {nation}");
        await foreach (NotificationEntity n in this.notifications.QueryAsync<NotificationEntity>(filter, cancellationToken: cancellationToken))
        {
            list.Add(n);
        }

        return list;
    }

    public static IEnumerable<string> SplitList(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private async Task<ConsultationEntity> UpdateConsultationAsync(
        string consultationId, Func<ConsultationEntity, bool> change, CancellationToken cancellationToken)
    {
        this.Forget(consultationId);
        for (int attempt = 0; ; attempt++)
        {
            ConsultationEntity entity = (await this.consultations.GetEntityAsync<ConsultationEntity>(
                consultationId, ConsultationEntity.Row, cancellationToken: cancellationToken)).Value;
            if (!change(entity))
            {
                return entity;
            }

            try
            {
                await this.consultations.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
                return entity;
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && attempt < MaxConcurrencyRetries)
            {
                // Changed meanwhile: read again and reapply.
            }
        }
    }

    private static T Convert<T>(TableEntity row)
        where T : class, ITableEntity, new() => EntityMapper.Map<T>(row);
}
