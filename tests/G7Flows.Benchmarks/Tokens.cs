using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace G7Flows.Benchmarks;

/// <summary>
/// Bearer tokens the benchmark's server accepts: HMAC-signed with a key made for this run, the way
/// <c>dotnet user-jwts</c> signs development tokens. Minted once per caller and reused.
/// </summary>
internal sealed class Tokens
{
    private const string Issuer = "g7flows-benchmark";
    private const string Audience = "g7flows-benchmark";

    private readonly byte[] signingKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    /// <summary>The server configuration (environment variables) that trusts these tokens.</summary>
    public IReadOnlyDictionary<string, string> ServerSettings => new Dictionary<string, string>
    {
        ["Authentication__Schemes__Bearer__ValidIssuer"] = Issuer,
        ["Authentication__Schemes__Bearer__ValidAudiences__0"] = Audience,
        ["Authentication__Schemes__Bearer__SigningKeys__0__Issuer"] = Issuer,
        ["Authentication__Schemes__Bearer__SigningKeys__0__Value"] = Convert.ToBase64String(this.signingKey),
    };

    public string Staff() => this.Create("staff@g7.example", "staff", null);

    public string Reviewer(string nation) =>
        this.Create($"reviewer.{nation.ToLowerInvariant()}@g7.example", "reviewer", nation);

    private string Create(string subject, string role, string? nation)
    {
        // A reviewer's nation is an app role (nation.FR): outside Development the server reads nothing else.
        var claims = new Dictionary<string, object>
        {
            ["sub"] = subject,
            ["name"] = subject,
            ["role"] = nation is null ? new[] { role } : new[] { role, $"nation.{nation}" },
        };

        DateTime now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Claims = claims,
            NotBefore = now.AddMinutes(-5),
            IssuedAt = now.AddMinutes(-5),
            Expires = now.AddHours(6),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(this.signingKey), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
