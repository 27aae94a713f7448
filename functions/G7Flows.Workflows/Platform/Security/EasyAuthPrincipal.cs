using System.Security.Claims;
using System.Text;
using System.Text.Json;

namespace G7Flows.Workflows.Platform.Security;

/// <summary>
/// Reads the <c>X-MS-CLIENT-PRINCIPAL</c> header that App Service Authentication (Easy Auth) puts in front
/// of every request it authenticated. The header is trusted only when Easy Auth is on; otherwise anyone
/// could send it.
/// </summary>
public static class EasyAuthPrincipal
{
    public const string HeaderName = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>Parses the header (base64 JSON: auth_typ, name_typ, role_typ, claims[{typ,val}]); null when absent or malformed.</summary>
    public static ClaimsPrincipal? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Length > 64 * 1024)
        {
            return null;
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(header)));
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            string authType = root.TryGetProperty("auth_typ", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString()! : "aad";
            string nameType = root.TryGetProperty("name_typ", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : ClaimTypes.Name;
            string roleType = root.TryGetProperty("role_typ", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : ClaimTypes.Role;
            var claims = new List<Claim>();
            if (root.TryGetProperty("claims", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement claim in list.EnumerateArray())
                {
                    if (claim.ValueKind != JsonValueKind.Object)
                    {
                        return null;
                    }

                    if (claim.TryGetProperty("typ", out var typ) && typ.ValueKind == JsonValueKind.String
                        && claim.TryGetProperty("val", out var val) && val.ValueKind == JsonValueKind.String)
                    {
                        string type = typ.GetString()!;
                        claims.Add(new Claim(type == "roles" ? roleType : type, val.GetString()!));
                    }
                }
            }

            return new ClaimsPrincipal(new ClaimsIdentity(claims, authType, nameType, roleType));
        }
        catch (Exception ex) when (ex is FormatException or JsonException or DecoderFallbackException)
        {
            return null;
        }
    }
}
