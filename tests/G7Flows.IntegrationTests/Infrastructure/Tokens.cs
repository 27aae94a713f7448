using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace G7Flows.IntegrationTests.Infrastructure;

/// <summary>Mints bearer tokens the test server accepts, the way dotnet user-jwts does for development.</summary>
public static class Tokens
{
    public const string Issuer = "g7flows-tests";
    public const string Audience = "g7flows-tests";

    public static byte[] SigningKey { get; } = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    /// <summary>The server configuration (environment variables) that trusts these tokens.</summary>
    public static IReadOnlyDictionary<string, string> ServerSettings { get; } = new Dictionary<string, string>
    {
        ["Authentication__Schemes__Bearer__ValidIssuer"] = Issuer,
        ["Authentication__Schemes__Bearer__ValidAudiences__0"] = Audience,
        ["Authentication__Schemes__Bearer__SigningKeys__0__Issuer"] = Issuer,
        ["Authentication__Schemes__Bearer__SigningKeys__0__Value"] = Convert.ToBase64String(SigningKey),
    };

    public static string Staff(string name = "staff@g7.example") => Create(name, ["staff"]);

    public static string Admin(string name = "admin@g7.example") => Create(name, ["admin"]);

    /// <summary>A reviewer of <paramref name="nation"/>: the nation as an app role (<c>nation.FR</c>), as Entra ID issues it.</summary>
    public static string Reviewer(string nation, string? name = null) =>
        Create(name ?? $"reviewer.{nation.ToLowerInvariant()}@g7.example", ["reviewer", $"nation.{nation}"]);

    /// <summary>A reviewer whose nation is only a free-form <c>nation</c> claim: honoured in Development only.</summary>
    public static string ReviewerWithNationClaim(string nation) =>
        Create($"reviewer.claim.{nation.ToLowerInvariant()}@g7.example", ["reviewer"], new Dictionary<string, object> { ["nation"] = nation });

    public static string SecurityReviewer(string nation, string? name = null) =>
        Create(name ?? $"security.{nation.ToLowerInvariant()}@g7.example", ["security-reviewer", $"nation.{nation}"]);

    public static string HumanRightsReviewer(string name = "human.rights@g7.example") => Create(name, ["human-rights-reviewer"]);

    public static string Approver(string nation, string? name = null) =>
        Create(name ?? $"approver.{nation.ToLowerInvariant()}@g7.example", ["approver", $"nation.{nation}"]);

    public static string CivilSociety(string org, string? name = null) =>
        Create(name ?? $"{org.Replace(' ', '.').ToLowerInvariant()}@ngo.example", ["civil-society"], new Dictionary<string, object> { ["org"] = org });

    public static string Create(string subject, IReadOnlyList<string> roles, IDictionary<string, object>? claims = null, DateTime? expires = null, byte[]? key = null, string issuer = Issuer)
    {
        var all = new Dictionary<string, object>(claims ?? new Dictionary<string, object>())
        {
            ["sub"] = subject,
            ["name"] = subject,
        };
        if (roles.Count > 0)
        {
            all["role"] = roles.ToArray();
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = Audience,
            Claims = all,
            NotBefore = (expires ?? DateTime.UtcNow.AddHours(1)).AddHours(-2),
            Expires = expires ?? DateTime.UtcNow.AddHours(1),
            IssuedAt = (expires ?? DateTime.UtcNow.AddHours(1)).AddHours(-2),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key ?? SigningKey), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
