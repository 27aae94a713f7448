using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace G7Flows.IntegrationTests.Robustness.Infrastructure;

/// <summary>One difference between two snapshots: an item added, removed or changed.</summary>
public sealed record StorageChange(string Key, string? Before, string? After)
{
    public string Kind => this.Before is null ? "added" : this.After is null ? "removed" : "changed";

    public override string ToString() =>
        $"{this.Kind} {this.Key}\n    before: {Clip(this.Before)}\n    after:  {Clip(this.After)}";

    private static string Clip(string? text) => text is null ? "-" : text.Length <= 400 ? text : text[..400] + "…";
}

/// <summary>
/// Every entity of every table in the storage account and every blob of every container (names, content hash, ETag),
/// as canonical text, so that two snapshots can be compared item by item. What is left out, and why:
/// <list type="bullet">
/// <item>Blob containers named <c>*-leases</c> and <c>*-applease</c>: the durable engine's partition and app leases. Their
/// blobs are acquired, renewed and rewritten with owner information every few seconds by the engine itself, whatever the
/// API does. Their existence is still compared.</item>
/// <item>Tables named <c>*Partitions</c>: the durable engine's table-based partition manager (when it is switched on)
/// renews its ownership rows every few seconds in the same way. Off by default; the rule is defensive.</item>
/// <item>Queues: the engine polls and deletes its control and work-item messages continuously, so a queue is never
/// stable; any message a refused request would enqueue shows up as a change in the engine's History and Instances tables,
/// which ARE compared (they change only when an orchestration runs, which is why the test waits for quiet first).</item>
/// </list>
/// Entities are compared with their Timestamp and ETag, blobs with their ETag: an entity rewritten with the same values
/// still counts as a change.
/// </summary>
public sealed class StorageSnapshot
{
    private StorageSnapshot(IReadOnlyDictionary<string, string> items, IReadOnlyList<string> tables, IReadOnlyList<string> containers)
    {
        this.Items = items;
        this.Tables = tables;
        this.Containers = containers;
    }

    /// <summary>Key (<c>table:Name/PK/RK</c>, <c>blob:container/name</c>, <c>table:Name</c>, <c>container:name</c>) to canonical content.</summary>
    public IReadOnlyDictionary<string, string> Items { get; }

    public IReadOnlyList<string> Tables { get; }

    public IReadOnlyList<string> Containers { get; }

    public int EntityCount => this.Items.Keys.Count(k => k.StartsWith("table:", StringComparison.Ordinal) && k.Count(c => c == '/') >= 2);

    public int BlobCount => this.Items.Keys.Count(k => k.StartsWith("blob:", StringComparison.Ordinal));

    public static bool IsComparedTable(string name) => !name.EndsWith("Partitions", StringComparison.Ordinal);

    public static bool IsComparedContainer(string name) =>
        !name.EndsWith("-leases", StringComparison.Ordinal) && !name.EndsWith("-applease", StringComparison.Ordinal);

    public static async Task<StorageSnapshot> TakeAsync(TableServiceClient tableService, BlobServiceClient blobService)
    {
        ArgumentNullException.ThrowIfNull(tableService);
        ArgumentNullException.ThrowIfNull(blobService);
        var items = new Dictionary<string, string>(StringComparer.Ordinal);
        var tables = new List<string>();
        await foreach (var table in tableService.QueryAsync())
        {
            tables.Add(table.Name);
            items[$"table:{table.Name}"] = IsComparedTable(table.Name) ? "exists" : "exists (rows not compared)";
            if (!IsComparedTable(table.Name))
            {
                continue;
            }

            TableClient client = tableService.GetTableClient(table.Name);
            await foreach (TableEntity entity in client.QueryAsync<TableEntity>())
            {
                items[$"table:{table.Name}/{entity.PartitionKey}/{entity.RowKey}"] = Canonical(entity);
            }
        }

        var containers = new List<string>();
        await foreach (BlobContainerItem container in blobService.GetBlobContainersAsync())
        {
            containers.Add(container.Name);
            items[$"container:{container.Name}"] = IsComparedContainer(container.Name) ? "exists" : "exists (blobs not compared)";
            if (!IsComparedContainer(container.Name))
            {
                continue;
            }

            BlobContainerClient client = blobService.GetBlobContainerClient(container.Name);
            await foreach (BlobItem blob in client.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }))
            {
                BinaryData content = (await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content;
                string metadata = string.Join(";", blob.Metadata.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}={m.Value}"));
                items[$"blob:{container.Name}/{blob.Name}"] =
                    $"sha256={Convert.ToHexStringLower(SHA256.HashData(content.ToArray()))} length={content.ToArray().Length} etag={blob.Properties.ETag} type={blob.Properties.ContentType} metadata={metadata}";
            }
        }

        return new StorageSnapshot(items, tables, containers);
    }

    /// <summary>
    /// Takes snapshots until three in a row, <paramref name="interval"/> apart, are equal: background work of earlier
    /// tests (an orchestration closing a consultation and publishing its record) has finished. Throws with the last
    /// differences on timeout.
    /// </summary>
    public static async Task<StorageSnapshot> WaitForQuietAsync(TableServiceClient tableService, BlobServiceClient blobService, TimeSpan interval, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        StorageSnapshot previous = await TakeAsync(tableService, blobService);
        int quietIntervals = 0;
        while (true)
        {
            await Task.Delay(interval);
            StorageSnapshot current = await TakeAsync(tableService, blobService);
            IReadOnlyList<StorageChange> changes = previous.ChangesTo(current);
            quietIntervals = changes.Count == 0 ? quietIntervals + 1 : 0;
            if (quietIntervals == 2)
            {
                return current;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Storage did not become quiet:\n" + string.Join("\n", changes.Take(20)));
            }

            previous = current;
        }
    }

    /// <summary>What differs from this snapshot in <paramref name="after"/>, ordered by key.</summary>
    public IReadOnlyList<StorageChange> ChangesTo(StorageSnapshot after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<StorageChange>();
        foreach (string key in this.Items.Keys.Union(after.Items.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            this.Items.TryGetValue(key, out string? before);
            after.Items.TryGetValue(key, out string? now);
            if (!string.Equals(before, now, StringComparison.Ordinal))
            {
                changes.Add(new StorageChange(key, before, now));
            }
        }

        return changes;
    }

    private static string Canonical(TableEntity entity)
    {
        var sb = new StringBuilder();
        foreach (string key in entity.Keys.Order(StringComparer.Ordinal))
        {
            sb.Append(key).Append('=').Append(Format(entity[key])).Append("; ");
        }

        return sb.ToString();
    }

    private static string Format(object? value) => value switch
    {
        null => "null",
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        byte[] b => "base64:" + Convert.ToBase64String(b),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
