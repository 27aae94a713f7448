using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Platform.Storage;
using G7Flows.Workflows.Platform.Tasks;
using Microsoft.Extensions.Caching.Memory;

namespace G7Flows.Workflows.Disclosures.Storage;

/// <summary>A disclosure's partition, read in one query.</summary>
public sealed record DisclosureSnapshot(
    DisclosureEntity Disclosure,
    IReadOnlyList<RevisionEntity> Revisions,
    IReadOnlyList<ReviewEntity> Reviews,
    IReadOnlyList<CommentEntity> Comments,
    IReadOnlyList<OrganisationCountEntity> Counts)
{
    public DisclosureStatus Status => DisclosureStatuses.Parse(this.Disclosure.Status);

    public RevisionEntity? RevisionOf(int number) => this.Revisions.FirstOrDefault(r => r.Number == number);

    public RevisionEntity Current => this.RevisionOf(this.Disclosure.Revision)
        ?? throw new InvalidOperationException($"Disclosure {this.Disclosure.PartitionKey} has no revision {this.Disclosure.Revision}.");

    public ReviewEntity? ReviewOf(int revision, string step) => this.Reviews.FirstOrDefault(r => r.Revision == revision && r.Step == step);

    public CommentEntity? CommentOf(string commentId) => this.Comments.FirstOrDefault(c => c.CommentId == commentId);

    public int CountOf(string organisation) =>
        this.Counts.FirstOrDefault(c => c.RowKey == OrganisationCountEntity.ConstructRowKey(organisation))?.Count ?? 0;

    public int PendingComments => this.Comments.Count(c => c.Moderation == Moderation.Pending);
}

/// <summary>A page of the disclosure listing.</summary>
public sealed record DisclosurePage(IReadOnlyList<DisclosureIndexEntity> Items, string? ContinuationToken);

/// <summary>
/// The disclosures' business state: each disclosure's partition (its row, revisions index, reviews, comments and
/// per-organisation comment counts), the listing, the review tasks and notifications in the shared tables, and the
/// revision bodies in a private container. Every guarded change is an entity group transaction that writes the
/// disclosure row with the ETag it read; a 412 means someone else changed the disclosure first, and the caller reads
/// again and decides anew. Nothing is ever overwritten blindly.
/// </summary>
public sealed class DisclosureStore(StorageClients storage) : IDisposable
{
    /// <summary>The most findings stored with a revision (a table property holds 64 KiB); the total is stored too.</summary>
    public const int MaxStoredFindings = 100;

    /// <summary>The workflow name on tasks and notifications.</summary>
    public const string WorkflowName = "disclosure";

    /// <summary>The notification partition staff read.</summary>
    public const string StaffInbox = "staff";

    private const int MaxConcurrencyRetries = 10;

    private readonly TableClient disclosures = storage.Table(StorageNames.DisclosuresTable);
    private readonly TableClient index = storage.Table(StorageNames.DisclosureIndexTable);
    private readonly TableClient tasks = storage.Table(StorageNames.ReviewTasksTable);
    private readonly TableClient notifications = storage.Table(StorageNames.NotificationsTable);
    private readonly BlobContainerClient revisions = storage.Container(StorageNames.DisclosureRevisionsContainer);

    /// <summary>
    /// Revision bodies this process has read, by blob name, up to about 16 million characters: a blob's name holds the
    /// hash of its bytes and it is written once, so a copy never goes stale.
    /// </summary>
    private readonly MemoryCache bodies = new(new MemoryCacheOptions { SizeLimit = 16 * 1024 * 1024 });

    /// <summary>The blob of a revision's body: deterministic from the disclosure, the number and the body's hash.</summary>
    public static string RevisionBlobName(string disclosureId, int number, string bodySha256) =>
        $"{disclosureId}/revision-{number:D2}-{bodySha256[..16]}.md";

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Writes a revision's body once (a retry finds it written with the same bytes: its name holds their hash).</summary>
    public async Task<string> WriteRevisionBodyAsync(string disclosureId, int number, string body, CancellationToken cancellationToken = default)
    {
        string name = RevisionBlobName(disclosureId, number, Sha256(body));
        BlobClient blob = this.revisions.GetBlobClient(name);
        try
        {
            await blob.UploadAsync(
                BinaryData.FromString(body),
                new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = "text/markdown; charset=utf-8" },
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                },
                cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Written by an earlier attempt: same name, same bytes.
        }

        return name;
    }

    /// <summary>A revision's body, read once per process (see <see cref="bodies"/>).</summary>
    public async Task<string> ReadRevisionBodyAsync(string blobName, CancellationToken cancellationToken = default)
    {
        if (this.bodies.TryGetValue(blobName, out string? held) && held is not null)
        {
            return held;
        }

        BlobDownloadResult content = (await this.revisions.GetBlobClient(blobName).DownloadContentAsync(cancellationToken)).Value;
        string body = content.Content.ToString();
        this.bodies.Set(blobName, body, new MemoryCacheEntryOptions { Size = body.Length + 1, SlidingExpiration = TimeSpan.FromHours(1) });
        return body;
    }

    public void Dispose() => this.bodies.Dispose();

    /// <summary>Stores a new disclosure with its first revision in one transaction; or returns the one that had this id.</summary>
    public async Task<(bool Created, DisclosureSnapshot Snapshot)> CreateAsync(DisclosureEntity disclosure, RevisionEntity first, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(disclosure);
        ArgumentNullException.ThrowIfNull(first);
        try
        {
            await this.disclosures.SubmitTransactionAsync(
                [new(TableTransactionActionType.Add, disclosure), new(TableTransactionActionType.Add, first)], cancellationToken);
            return (true, await this.GetAsync(disclosure.PartitionKey, cancellationToken) ?? throw new InvalidOperationException("The new disclosure cannot be read."));
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            DisclosureSnapshot existing = await this.GetAsync(disclosure.PartitionKey, cancellationToken)
                ?? throw new InvalidOperationException($"Disclosure {disclosure.PartitionKey} conflicted but cannot be read.", ex);
            return (false, existing);
        }
    }

    /// <summary>Reads a disclosure's partition, or null when there is none.</summary>
    public async Task<DisclosureSnapshot?> GetAsync(string disclosureId, CancellationToken cancellationToken = default)
    {
        DisclosureEntity? disclosure = null;
        var revisionRows = new List<RevisionEntity>();
        var reviews = new List<ReviewEntity>();
        var comments = new List<CommentEntity>();
        var counts = new List<OrganisationCountEntity>();
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {disclosureId}");
        await foreach (TableEntity row in this.disclosures.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            string key = row.RowKey;
            if (key == DisclosureEntity.Row)
            {
                disclosure = EntityMapper.Map<DisclosureEntity>(row);
            }
            else if (key.StartsWith(RevisionEntity.Prefix, StringComparison.Ordinal))
            {
                revisionRows.Add(EntityMapper.Map<RevisionEntity>(row));
            }
            else if (key.StartsWith(ReviewEntity.Prefix, StringComparison.Ordinal))
            {
                reviews.Add(EntityMapper.Map<ReviewEntity>(row));
            }
            else if (key.StartsWith(CommentEntity.Prefix, StringComparison.Ordinal))
            {
                comments.Add(EntityMapper.Map<CommentEntity>(row));
            }
            else if (key.StartsWith(OrganisationCountEntity.Prefix, StringComparison.Ordinal))
            {
                counts.Add(EntityMapper.Map<OrganisationCountEntity>(row));
            }
        }

        if (disclosure is null)
        {
            return null;
        }

        revisionRows.Sort((a, b) => a.Number.CompareTo(b.Number));
        reviews.Sort((a, b) => a.ReviewedAt.CompareTo(b.ReviewedAt));
        comments.Sort((a, b) => a.PostedAt != b.PostedAt ? a.PostedAt.CompareTo(b.PostedAt) : string.CompareOrdinal(a.CommentId, b.CommentId));
        return new DisclosureSnapshot(disclosure, revisionRows, reviews, comments, counts);
    }

    /// <summary>
    /// Writes <paramref name="changed"/> (the disclosure row of a snapshot, changed by the caller) with the ETag it was
    /// read with, together with <paramref name="others"/>, in one entity group transaction.
    /// </summary>
    /// <returns>True when stored; false when the partition changed meanwhile (412) or a row to add exists (409).</returns>
    public async Task<bool> TryCommitAsync(DisclosureEntity changed, IEnumerable<TableTransactionAction>? others = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changed);
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, changed, changed.ETag) };
        if (others is not null)
        {
            actions.AddRange(others);
        }

        try
        {
            await this.disclosures.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 412 or 409)
        {
            return false;
        }
    }

    /// <summary>
    /// Reads the partition and applies <paramref name="change"/> to it until the write wins: <paramref name="change"/>
    /// changes the disclosure row (and returns the other rows to write with it) or returns null to leave it as it is.
    /// </summary>
    /// <returns>The partition as it now stands.</returns>
    public async Task<DisclosureSnapshot> UpdateAsync(
        string disclosureId, Func<DisclosureSnapshot, IReadOnlyList<TableTransactionAction>?> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (int attempt = 0; ; attempt++)
        {
            DisclosureSnapshot snapshot = await this.GetAsync(disclosureId, cancellationToken)
                ?? throw new InvalidOperationException($"Disclosure {disclosureId} does not exist.");
            if (change(snapshot) is not { } others)
            {
                return snapshot;
            }

            if (await this.TryCommitAsync(snapshot.Disclosure, others, cancellationToken))
            {
                return await this.GetAsync(disclosureId, cancellationToken) ?? snapshot;
            }

            if (attempt >= MaxConcurrencyRetries)
            {
                throw new InvalidOperationException($"Disclosure {disclosureId} kept changing; giving up after {attempt + 1} attempts.");
            }

            await Task.Delay(Random.Shared.Next(5, 20 * (attempt + 1)), cancellationToken);
        }
    }

    /// <summary>Writes (or refreshes) the listing row of a disclosure.</summary>
    public async Task UpsertIndexAsync(DisclosureEntity d, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(d);
        var row = new DisclosureIndexEntity
        {
            RowKey = DisclosureIndexEntity.ConstructRowKey(d.CreatedAt, d.PartitionKey),
            DisclosureId = d.PartitionKey,
            Nation = d.Nation,
            Kind = d.Kind,
            Title = d.Title,
            Status = d.Status,
            Revision = d.Revision,
            CreatedAt = d.CreatedAt,
            StepDue = d.StepDue,
            PublicPath = d.PublicPath,
        };
        await this.index.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Lists disclosures newest first, optionally by status and nation.</summary>
    public async Task<DisclosurePage> ListAsync(
        DisclosureStatus? status, string? nation, int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        var filter = new StringBuilder(TableClient.CreateQueryFilter($"PartitionKey eq {DisclosureIndexEntity.Partition}"));
        if (status is { } s)
        {
            filter.Append(" and ").Append(TableClient.CreateQueryFilter($"Status eq {s.ToString()}"));
        }

        if (nation is not null)
        {
            filter.Append(" and ").Append(TableClient.CreateQueryFilter($"Nation eq {nation}"));
        }

        AsyncPageable<DisclosureIndexEntity> query = this.index.QueryAsync<DisclosureIndexEntity>(filter.ToString(), pageSize, cancellationToken: cancellationToken);
        var items = new List<DisclosureIndexEntity>(pageSize);
        string? next = continuationToken;
        await foreach (Page<DisclosureIndexEntity> page in query.AsPages(continuationToken, pageSize))
        {
            items.AddRange(page.Values);
            next = page.ContinuationToken;
            if (items.Count >= pageSize || next is null)
            {
                break;
            }
        }

        return new DisclosurePage(items, next);
    }

    /// <summary>Puts the task of <paramref name="step"/> in its group's inbox (a retry writes the same row).</summary>
    public Task AssignTaskAsync(DisclosureEntity d, string step, DateTimeOffset assignedAt, DateTimeOffset due, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(d);
        var task = new ReviewTaskEntity
        {
            PartitionKey = InboxGroups.ForStep(step, d.Nation),
            RowKey = d.PartitionKey,
            Title = d.Title,
            Kind = d.Kind,
            Due = due,
            AssignedAt = assignedAt,
            Workflow = WorkflowName,
            SubjectId = d.PartitionKey,
            Step = step,
            ActRoute = $"POST /api/disclosures/{d.PartitionKey}/reviews/{step}",
        };
        return this.tasks.UpsertEntityAsync(task, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Removes the disclosure's task from the inbox of <paramref name="step"/>; nothing when it is gone already.</summary>
    public async Task DeleteTaskAsync(DisclosureEntity d, string step, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(d);
        try
        {
            await this.tasks.DeleteEntityAsync(InboxGroups.ForStep(step, d.Nation), d.PartitionKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already done.
        }
    }

    /// <summary>Removes the disclosure's task from every step's inbox.</summary>
    public async Task DeleteAllTasksAsync(DisclosureEntity d, CancellationToken cancellationToken = default)
    {
        foreach (string step in ReviewSteps.All)
        {
            await this.DeleteTaskAsync(d, step, cancellationToken);
        }
    }

    /// <summary>Stores a notification once: a retry finds it there.</summary>
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

    /// <summary>The notifications of one partition (an assignee group, or staff).</summary>
    public async Task<IReadOnlyList<NotificationEntity>> ListNotificationsAsync(string partition, CancellationToken cancellationToken = default)
    {
        var list = new List<NotificationEntity>();
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        await foreach (NotificationEntity n in this.notifications.QueryAsync<NotificationEntity>(filter, cancellationToken: cancellationToken))
        {
            list.Add(n);
        }

        return list;
    }
}
