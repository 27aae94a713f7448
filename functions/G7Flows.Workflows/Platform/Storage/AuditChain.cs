using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace G7Flows.Workflows.Platform.Storage;

/// <summary>
/// The hash chain of an audit trail. Every entry of a workflow's partition carries its place in the chain
/// (<see cref="AuditEntity.Sequence"/>, from 1, without gaps), the hash of the entry before it
/// (<see cref="AuditEntity.PreviousHash"/>, <see cref="Genesis"/> for the first) and its own
/// <see cref="AuditEntity.Hash"/>: the SHA-256 of its canonical form, as 64 lower-case hexadecimal digits.
/// </summary>
/// <remarks>
/// The canonical form is the UTF-8 encoding of the line <c>g7flows-audit/1</c> followed by ten fields in this order,
/// each on its own line: partition key, row key, sequence, previous hash, time, actor, action, nation, detail, source.
/// Each field is written as its length in UTF-8 bytes (decimal), a colon and the
/// value, so no value can be mistaken for a separator; a null field is written as a single <c>~</c> (distinct from the
/// empty string, <c>0:</c>). The sequence is a decimal integer without sign or leading zeros; the time is ISO 8601 in
/// UTC with seven fractional digits, <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>. Lines end with <c>\n</c>, the last one too.
/// </remarks>
public static class AuditChain
{
    /// <summary>The version line that opens every canonical form.</summary>
    public const string Version = "g7flows-audit/1";

    /// <summary>The previous hash of the first entry of every chain.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>The canonical form of <paramref name="entry"/> as text (hash its UTF-8 bytes).</summary>
    public static string Canonical(AuditEntity entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var text = new StringBuilder(256).Append(Version).Append('\n');
        foreach (string? field in Fields(entry))
        {
            if (field is null)
            {
                text.Append('~');
            }
            else
            {
                text.Append(Encoding.UTF8.GetByteCount(field).ToString(CultureInfo.InvariantCulture)).Append(':').Append(field);
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The SHA-256 of the canonical form of <paramref name="entry"/>, lower-case hexadecimal.</summary>
    public static string HashOf(AuditEntity entry) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(entry))));

    /// <summary>Gives <paramref name="entry"/> its place after <paramref name="previousHash"/> and its hash.</summary>
    public static AuditEntity Link(AuditEntity entry, long sequence, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentException.ThrowIfNullOrEmpty(previousHash);
        entry.Sequence = sequence;
        entry.PreviousHash = previousHash;
        entry.Hash = HashOf(entry);
        return entry;
    }

    /// <summary>ISO 8601 in UTC with seven fractional digits, the form times take in the canonical form.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static IEnumerable<string?> Fields(AuditEntity e)
    {
        yield return e.PartitionKey;
        yield return e.RowKey;
        yield return e.Sequence?.ToString(CultureInfo.InvariantCulture);
        yield return e.PreviousHash;
        yield return Time(e.At);
        yield return e.Actor;
        yield return e.Action;
        yield return e.Nation;
        yield return e.Detail;
        yield return e.Source;
    }
}
