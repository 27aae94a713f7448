using System.Text.Json;
using G7Flows.Workflows.Platform.Publishing;

namespace G7Flows.Workflows.Disclosures.Publishing;

/// <summary>
/// The index of published disclosures as it is stored: one entry per disclosure id, newest first (ties by id). It is
/// immutable; <see cref="Add"/> returns a new index, so a caller can re-read the stored document, merge and write it
/// back under an ETag until the write wins, and concurrent publications all end up in it.
/// </summary>
public sealed class PublicIndex
{
    private static readonly JsonSerializerOptions ReadOptions = new(Json.Indented)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private PublicIndex(IReadOnlyList<PublicIndexEntry> entries)
    {
        this.Entries = entries;
    }

    /// <summary>An index with nothing published.</summary>
    public static PublicIndex Empty { get; } = new([]);

    /// <summary>The entries, newest first, ids unique.</summary>
    public IReadOnlyList<PublicIndexEntry> Entries { get; }

    /// <summary>True when a disclosure with <paramref name="id"/> is in the index.</summary>
    public bool Contains(string id) => this.Entries.Any(e => string.Equals(e.Id, id, StringComparison.Ordinal));

    /// <summary>
    /// <paramref name="current"/> with <paramref name="entry"/> in it. Idempotent on the id: when the id is already
    /// there, <paramref name="current"/> is returned unchanged and the first entry is kept, as the published document
    /// it describes is written once and never replaced.
    /// </summary>
    public static PublicIndex Add(PublicIndex current, PublicIndexEntry entry)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(entry);
        return current.Contains(entry.Id) ? current : From(current.Entries.Append(entry));
    }

    /// <summary>An index of <paramref name="entries"/>: times taken as UTC, the first entry of each id kept, newest first.</summary>
    public static PublicIndex From(IEnumerable<PublicIndexEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        List<PublicIndexEntry> unique = [];
        foreach (PublicIndexEntry entry in entries)
        {
            if (seen.Add(entry.Id))
            {
                unique.Add(entry with { PublishedAt = PublicHtml.Utc(entry.PublishedAt) });
            }
        }

        return new PublicIndex(Newest(unique));
    }

    /// <summary>The stored document: <c>{ "entries": [ ... ] }</c> as UTF-8 JSON.</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(new IndexDocument(this.Entries), Json.Indented);

    /// <summary>Reads a stored document written by <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">The bytes are not such a document (malformed, or an entry lacks a field).</exception>
    public static PublicIndex FromJson(ReadOnlySpan<byte> utf8Json)
    {
        IndexDocument document = JsonSerializer.Deserialize<IndexDocument>(utf8Json, ReadOptions)
            ?? throw new JsonException("The public index document is null.");
        if (document.Entries.Any(e => e is null))
        {
            throw new JsonException("The public index document has a null entry.");
        }

        return From(document.Entries);
    }

    /// <summary>Newest first; entries published at the same moment in id order, so that every writer sorts alike.</summary>
    internal static List<PublicIndexEntry> Newest(IEnumerable<PublicIndexEntry> entries) =>
        entries.OrderByDescending(e => PublicHtml.Utc(e.PublishedAt)).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();

    private sealed record IndexDocument(IReadOnlyList<PublicIndexEntry> Entries);
}
