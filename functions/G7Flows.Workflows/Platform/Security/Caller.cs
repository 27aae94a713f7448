using System.Security.Claims;

namespace G7Flows.Workflows.Platform.Security;

/// <summary>The G7Flows roles.</summary>
public static class Roles
{
    public const string Staff = "staff";
    public const string Reviewer = "reviewer";
    public const string Admin = "admin";

    /// <summary>A role of the form <c>nation.FR</c> gives a reviewer their nation (an Entra ID app role per nation).</summary>
    public const string NationRolePrefix = "nation.";
}

/// <summary>An authenticated caller as G7Flows sees them, whichever host authenticated them.</summary>
/// <param name="Subject">A stable identifier (the token's <c>sub</c> or <c>oid</c>).</param>
/// <param name="Name">A readable name for the audit trail.</param>
/// <param name="Roles">G7Flows roles: staff, reviewer, admin.</param>
/// <param name="Nation">The reviewer's nation, when exactly one valid nation is given.</param>
public sealed record Caller(string Subject, string Name, IReadOnlySet<string> Roles, string? Nation)
{
    /// <summary>The claim that carries a reviewer's nation.</summary>
    public const string NationClaim = "nation";

    public bool IsInRole(string role) => this.Roles.Contains(role);

    public bool IsStaff => this.IsInRole(Security.Roles.Staff) || this.IsInRole(Security.Roles.Admin);

    /// <summary>Reads a caller from a principal; null when it is not authenticated or has no subject.</summary>
    public static Caller? FromPrincipal(ClaimsPrincipal? principal)
    {
        if (principal?.Identity is not { IsAuthenticated: true })
        {
            return null;
        }

        string? subject = First(principal, "sub", ClaimTypes.NameIdentifier, "oid", "http://schemas.microsoft.com/identity/claims/objectidentifier");
        if (string.IsNullOrWhiteSpace(subject))
        {
            return null;
        }

        string name = First(principal, "name", ClaimTypes.Name, "preferred_username", ClaimTypes.Upn, "unique_name") ?? subject;
        var roleValues = principal.Claims
            .Where(c => c.Type is ClaimTypes.Role or "roles" or "role")
            .Select(c => c.Value)
            .ToList();
        var roles = roleValues.Where(r => r is Security.Roles.Staff or Security.Roles.Reviewer or Security.Roles.Admin).ToHashSet(StringComparer.Ordinal);

        var nations = principal.Claims.Where(c => c.Type == NationClaim).Select(c => c.Value)
            .Concat(roleValues.Where(r => r.StartsWith(Security.Roles.NationRolePrefix, StringComparison.Ordinal)).Select(r => r[Security.Roles.NationRolePrefix.Length..]))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        // A caller with several nations, or an unknown one, acts for none.
        string? nation = nations.Count == 1 && Nations.IsKnown(nations[0]) ? nations[0] : null;
        return new Caller(subject, Clip(name), roles, nation);
    }

    private static string? First(ClaimsPrincipal principal, params string[] types)
    {
        foreach (string type in types)
        {
            string? value = principal.FindFirst(type)?.Value;
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value;
            }
        }

        return null;
    }

    private static string Clip(string value) => value.Length <= 200 ? value : value[..200];
}
