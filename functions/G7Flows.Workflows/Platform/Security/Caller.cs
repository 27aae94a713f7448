using System.Security.Claims;

namespace G7Flows.Workflows.Platform.Security;

/// <summary>The G7Flows roles.</summary>
public static class Roles
{
    public const string Staff = "staff";
    public const string Reviewer = "reviewer";
    public const string Admin = "admin";

    /// <summary>Reviews a nation's disclosures for classified material; with a nation.</summary>
    public const string SecurityReviewer = "security-reviewer";

    /// <summary>Reviews any nation's disclosures for human-rights concerns.</summary>
    public const string HumanRightsReviewer = "human-rights-reviewer";

    /// <summary>Gives a nation's disclosures their final approval; with a nation.</summary>
    public const string Approver = "approver";

    /// <summary>A civil-society organisation that comments on disclosures; with an organisation.</summary>
    public const string CivilSociety = "civil-society";

    /// <summary>A role of the form <c>nation.FR</c> gives a reviewer their nation (an Entra ID app role per nation).</summary>
    public const string NationRolePrefix = "nation.";

    /// <summary>A role of the form <c>org.Name</c> gives a civil-society caller their organisation (an Entra ID app role per organisation).</summary>
    public const string OrgRolePrefix = "org.";

    /// <summary>Every role G7Flows acts on; any other role value is ignored.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Staff, Reviewer, Admin, SecurityReviewer, HumanRightsReviewer, Approver, CivilSociety,
    };
}

/// <summary>An authenticated caller as G7Flows sees them, whichever host authenticated them.</summary>
/// <param name="Subject">A stable identifier (the token's <c>sub</c> or <c>oid</c>).</param>
/// <param name="Name">A readable name for the audit trail.</param>
/// <param name="Roles">G7Flows roles: staff, reviewer, admin.</param>
/// <param name="Nation">The reviewer's nation, when exactly one valid nation is given.</param>
/// <param name="Org">A civil-society caller's organisation, when exactly one clean name is given.</param>
public sealed record Caller(string Subject, string Name, IReadOnlySet<string> Roles, string? Nation, string? Org = null)
{
    /// <summary>The claim that carries a reviewer's nation.</summary>
    public const string NationClaim = "nation";

    /// <summary>The claim that carries a civil-society caller's organisation (the organisation's name).</summary>
    public const string OrgClaim = "org";

    /// <summary>The longest organisation name accepted.</summary>
    public const int MaxOrgLength = 100;

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
        var roles = roleValues.Where(Security.Roles.All.Contains).ToHashSet(StringComparer.Ordinal);

        var nations = principal.Claims.Where(c => c.Type == NationClaim).Select(c => c.Value)
            .Concat(roleValues.Where(r => r.StartsWith(Security.Roles.NationRolePrefix, StringComparison.Ordinal)).Select(r => r[Security.Roles.NationRolePrefix.Length..]))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        // A caller with several nations, or an unknown one, acts for none.
        string? nation = nations.Count == 1 && Nations.IsKnown(nations[0]) ? nations[0] : null;

        // Likewise an organisation: exactly one, and plain text (it is shown to the public with each comment).
        var orgs = principal.Claims.Where(c => c.Type == OrgClaim).Select(c => c.Value)
            .Concat(roleValues.Where(r => r.StartsWith(Security.Roles.OrgRolePrefix, StringComparison.Ordinal)).Select(r => r[Security.Roles.OrgRolePrefix.Length..]))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        string? org = orgs.Count == 1 && IsCleanOrg(orgs[0]) ? orgs[0] : null;
        return new Caller(subject, Clip(name), roles, nation, org);
    }

    /// <summary>
    /// An organisation name G7Flows accepts: 1 to <see cref="MaxOrgLength"/> characters of one clean line, not blank,
    /// with no markup characters (<c>&lt; &gt; &amp; " '</c>) and no backslash or slash (it is part of a table key).
    /// </summary>
    public static bool IsCleanOrg(string? org) =>
        !string.IsNullOrWhiteSpace(org)
        && org.Length <= MaxOrgLength
        && org.Trim().Length == org.Length
        && Http.TextRules.IsCleanLine(org)
        && org.IndexOfAny(['<', '>', '&', '"', '\'', '/', '\\', '#', '?', '`']) < 0;

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
