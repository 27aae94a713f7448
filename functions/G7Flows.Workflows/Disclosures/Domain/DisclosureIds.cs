using System.Security.Cryptography;
using System.Text;

namespace G7Flows.Workflows.Disclosures.Domain;

/// <summary>
/// Disclosure ids: <c>d</c> and 25 lowercase base-32 characters, so they never collide with a consultation's. A
/// request with an Idempotency-Key gets an id derived from the caller and the key, so a retry finds the disclosure it
/// already submitted.
/// </summary>
public static class DisclosureIds
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const int Length = 26;

    public static string New() => "d" + Encode(RandomNumberGenerator.GetBytes(16));

    public static string FromIdempotencyKey(string subject, string key) =>
        "d" + Encode(SHA256.HashData(Encoding.UTF8.GetBytes($"disclosure\n{subject}\n{key}")));

    /// <summary>Comment ids: <c>c</c> and 25 base-32 characters.</summary>
    public static string NewComment() => "c" + Encode(RandomNumberGenerator.GetBytes(16));

    public static bool IsWellFormed(string? id) => IsWellFormed(id, 'd');

    public static bool IsWellFormedComment(string? id) => IsWellFormed(id, 'c');

    private static bool IsWellFormed(string? id, char prefix) =>
        id is { Length: Length } && id[0] == prefix && id.Skip(1).All(c => Alphabet.Contains(c, StringComparison.Ordinal));

    private static string Encode(byte[] bytes)
    {
        var sb = new StringBuilder(Length - 1);
        int buffer = 0, bits = 0;
        foreach (byte b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5 && sb.Length < Length - 1)
            {
                sb.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }

            buffer &= (1 << bits) - 1;
        }

        return sb.ToString();
    }
}
