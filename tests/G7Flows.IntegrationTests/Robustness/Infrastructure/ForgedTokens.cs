using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using G7Flows.IntegrationTests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace G7Flows.IntegrationTests.Robustness.Infrastructure;

/// <summary>One way to present (or fail to present) credentials: what goes into the request for a given set of claims.</summary>
/// <param name="Name">What the credential is, for test output.</param>
/// <param name="Authorization">The whole <c>Authorization</c> header for the claims, or null for none.</param>
/// <param name="Query">A query string to add (without '?'), or null.</param>
/// <param name="Headers">Other headers to add, or null.</param>
public sealed record Credential(
    string Name,
    Func<Claims, string?> Authorization,
    Func<Claims, string?>? Query = null,
    Func<Claims, IReadOnlyDictionary<string, string>>? Headers = null);

/// <summary>Who a token claims to be: subject, G7Flows roles and (for reviewers) nations.</summary>
public sealed record Claims(string Subject, IReadOnlyList<string> Roles, IReadOnlyList<string> Nations)
{
    public static Claims Staff { get; } = new("staff@g7.example", ["staff"], []);

    public static Claims Reviewer(string nation) => new($"reviewer.{nation.ToLowerInvariant()}@g7.example", ["reviewer"], [nation]);

    /// <summary>The JWT payload claims (without the registered time, issuer and audience claims).</summary>
    public Dictionary<string, object> ToJwtClaims(bool withSubject = true)
    {
        // A reviewer's nation is an app role (nation.FR), as Entra ID issues it.
        var claims = new Dictionary<string, object> { ["name"] = this.Subject, ["role"] = this.Roles.Concat(this.Nations.Select(n => $"nation.{n}")).ToArray() };
        if (withSubject)
        {
            claims["sub"] = this.Subject;
        }

        return claims;
    }
}

/// <summary>
/// Tokens the test server must refuse (and a few it must accept, for the authorization matrix), minted with the
/// identity model library where it can, and by hand where it would refuse (alg none, a signature over another header).
/// </summary>
public static class ForgedTokens
{
    public static byte[] OtherKey { get; } = RandomNumberGenerator.GetBytes(32);

    /// <summary>A token signed with HMAC-SHA256; every part can be changed, and the expiry left out.</summary>
    public static string Sign(
        Claims who,
        byte[]? key = null,
        string issuer = Tokens.Issuer,
        string audience = Tokens.Audience,
        DateTime? notBefore = null,
        DateTime? expires = null,
        bool withExpiry = true,
        bool withSubject = true,
        string? keyId = null)
    {
        ArgumentNullException.ThrowIfNull(who);
        DateTime now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = who.ToJwtClaims(withSubject),
            NotBefore = notBefore ?? now.AddMinutes(-10),
            IssuedAt = notBefore ?? now.AddMinutes(-10),
            Expires = withExpiry ? expires ?? now.AddHours(1) : null,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key ?? Tokens.SigningKey) { KeyId = keyId }, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>An unsigned token: header <c>{"alg":"none"}</c>, the payload, and an empty signature.</summary>
    public static string AlgNone(Claims who, string alg = "none") =>
        $"{Encode(new JsonObject { ["alg"] = alg, ["typ"] = "JWT" })}.{Encode(Payload(who))}.";

    /// <summary>A token whose header claims RS256 while the signature is HMAC-SHA256 with the server's key (algorithm confusion).</summary>
    public static string AlgorithmConfusion(Claims who)
    {
        string signingInput = $"{Encode(new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT" })}.{Encode(Payload(who))}";
        byte[] signature = HMACSHA256.HashData(Tokens.SigningKey, Encoding.ASCII.GetBytes(signingInput));
        return $"{signingInput}.{Base64UrlEncoder.Encode(signature)}";
    }

    /// <summary>A genuine token for a harmless identity whose payload is then swapped for <paramref name="who"/>, signature kept.</summary>
    public static string Tampered(Claims who)
    {
        string[] parts = Sign(new Claims(who.Subject, ["civil-society"], [])).Split('.');
        return $"{parts[0]}.{Encode(Payload(who))}.{parts[2]}";
    }

    /// <summary>A genuine token with its signature removed.</summary>
    public static string SignatureStripped(Claims who)
    {
        string[] parts = Sign(who).Split('.');
        return $"{parts[0]}.{parts[1]}.";
    }

    /// <summary>The header App Service Authentication would add, forged by the client: the self-hosted server must ignore it.</summary>
    public static string EasyAuthPrincipal(Claims who)
    {
        ArgumentNullException.ThrowIfNull(who);
        var claims = new JsonArray
        {
            new JsonObject { ["typ"] = "sub", ["val"] = who.Subject },
            new JsonObject { ["typ"] = "name", ["val"] = who.Subject },
        };
        foreach (string role in who.Roles)
        {
            claims.Add(new JsonObject { ["typ"] = "roles", ["val"] = role });
        }

        foreach (string nation in who.Nations)
        {
            claims.Add(new JsonObject { ["typ"] = "nation", ["val"] = nation });
        }

        var principal = new JsonObject { ["auth_typ"] = "aad", ["claims"] = claims };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(principal.ToJsonString()));
    }

    /// <summary>Every way of presenting credentials that the server must answer with 401, for any endpoint that needs a caller.</summary>
    public static IReadOnlyList<Credential> Refused { get; } =
    [
        new("no Authorization header", _ => null),
        new("'Bearer' with nothing after it", _ => "Bearer "),
        new("'Bearer garbage'", _ => "Bearer garbage"),
        new("'Bearer ..' (three empty segments)", _ => "Bearer .."),
        new("a 20 KB garbage bearer token", _ => "Bearer " + new string('A', 20_000)),
        new("Basic credentials", w => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{w.Subject}:password"))),
        new("a valid token under the scheme 'Token'", w => "Token " + Sign(w)),
        new("a valid token without a scheme", w => Sign(w)),
        new("a valid token in the access_token query parameter, not the header", _ => null, w => "access_token=" + Sign(w)),
        new("a forged X-MS-CLIENT-PRINCIPAL (Easy Auth) header", _ => null, Headers: w => new Dictionary<string, string> { ["X-MS-CLIENT-PRINCIPAL"] = EasyAuthPrincipal(w), ["X-MS-CLIENT-PRINCIPAL-NAME"] = w.Subject }),
        new("alg none", w => "Bearer " + AlgNone(w)),
        new("alg 'None' (mixed case)", w => "Bearer " + AlgNone(w, "None")),
        new("alg RS256 header over an HMAC signature", w => "Bearer " + AlgorithmConfusion(w)),
        new("a token signed with another key", w => "Bearer " + Sign(w, key: OtherKey)),
        new("a genuine token with its signature stripped", w => "Bearer " + SignatureStripped(w)),
        new("a genuine token whose payload was swapped (roles escalated)", w => "Bearer " + Tampered(w)),
        new("a token with a 'kid' pointing elsewhere, signed with another key", w => "Bearer " + Sign(w, key: OtherKey, keyId: "../../../dev/null")),
        new("a token from another issuer", w => "Bearer " + Sign(w, issuer: "https://login.evil.example/")),
        new("a token whose issuer differs in case", w => "Bearer " + Sign(w, issuer: Tokens.Issuer.ToUpperInvariant())),
        new("a token for another audience", w => "Bearer " + Sign(w, audience: "another-api")),
        new("a token that expired an hour ago", w => "Bearer " + Sign(w, notBefore: DateTime.UtcNow.AddHours(-3), expires: DateTime.UtcNow.AddHours(-1))),
        new("a token that is not valid for another hour", w => "Bearer " + Sign(w, notBefore: DateTime.UtcNow.AddHours(1), expires: DateTime.UtcNow.AddHours(3))),
        new("a token without an expiry", w => "Bearer " + Sign(w, withExpiry: false)),
        new("a genuine token without a subject", w => "Bearer " + Sign(w, withSubject: false)),
    ];

    private static JsonObject Payload(Claims who)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = new JsonObject
        {
            ["iss"] = Tokens.Issuer,
            ["aud"] = Tokens.Audience,
            ["nbf"] = now - 600,
            ["iat"] = now - 600,
            ["exp"] = now + 3600,
        };
        foreach (var (key, value) in who.ToJwtClaims())
        {
            payload[key] = JsonSerializer.SerializeToNode(value);
        }

        return payload;
    }

    private static string Encode(JsonObject json) => Base64UrlEncoder.Encode(json.ToJsonString());
}
