using System.Security.Claims;
using G7Flows.Workflows.Platform.Security;

namespace G7Flows.Functions.Tests.Support;

/// <summary>Authenticated principals as Easy Auth would give them to the handlers.</summary>
internal static class Callers
{
    public static ClaimsPrincipal Staff() => Principal("staff-1", "staff@example.org", [Roles.Staff]);

    public static ClaimsPrincipal Reviewer(string nation) =>
        Principal($"reviewer-{nation}", $"{nation.ToLowerInvariant()}.reviewer@example.org", [Roles.Reviewer], nation);

    public static ClaimsPrincipal Anonymous() => new(new ClaimsIdentity());

    public static ClaimsPrincipal Principal(string subject, string name, IEnumerable<string> roles, string? nation = null)
    {
        var claims = new List<Claim> { new("sub", subject), new("name", name) };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        if (nation is not null)
        {
            claims.Add(new Claim(Caller.NationClaim, nation));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }
}
