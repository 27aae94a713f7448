using System.Security.Cryptography;
using System.Text;

namespace G7Flows.Workflows.Consultations.Domain;

/// <summary>
/// Consultation ids: 26 lowercase base-32 characters. A request with an Idempotency-Key gets an id derived
/// from the caller and the key, so a retried request finds the consultation it already started.
/// </summary>
public static class ConsultationIds
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const int Length = 26;

    public static string New() => Encode(RandomNumberGenerator.GetBytes(17));

    public static string FromIdempotencyKey(string subject, string key) =>
        Encode(SHA256.HashData(Encoding.UTF8.GetBytes($"consultation\n{subject}\n{key}")));

    public static bool IsWellFormed(string? id) =>
        id is { Length: Length } && id.All(c => Alphabet.Contains(c, StringComparison.Ordinal));

    private static string Encode(byte[] bytes)
    {
        var sb = new StringBuilder(Length);
        int buffer = 0, bits = 0;
        foreach (byte b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5 && sb.Length < Length)
            {
                sb.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }

            buffer &= (1 << bits) - 1;
        }

        return sb.ToString();
    }
}
