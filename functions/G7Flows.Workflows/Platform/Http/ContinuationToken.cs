using System.Security.Cryptography;

namespace G7Flows.Workflows.Platform.Http;

/// <summary>
/// Opaque continuation tokens: the table's token with a prefix and a checksum, base64url-encoded, so that a
/// corrupted or made-up token is refused (400) instead of silently ending the listing.
/// </summary>
public static class ContinuationToken
{
    private const string Prefix = "g7f1:";

    public static string Encode(string token) =>
        Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes($"{Prefix}{Checksum(token)}:{token}"));

    public static bool TryDecode(string value, out string? token)
    {
        token = null;
        if (value.Length > 2048)
        {
            return false;
        }

        try
        {
            string decoded = System.Text.Encoding.UTF8.GetString(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(value));
            if (!decoded.StartsWith(Prefix, StringComparison.Ordinal) || decoded.Any(char.IsControl))
            {
                return false;
            }

            string[] parts = decoded[Prefix.Length..].Split(':', 2);
            if (parts.Length != 2 || parts[1].Length == 0 || parts[0] != Checksum(parts[1]))
            {
                return false;
            }

            token = parts[1];
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string Checksum(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)).AsSpan(0, 8));
}
