using System.Security.Claims;
using Microsoft.Extensions.Hosting;

namespace G7Flows.Workflows.Platform.Security;

/// <summary>
/// Where a reviewer's nation may come from. In Azure it is an Entra ID app role (<c>nation.FR</c>) that only a tenant
/// administrator can assign; a free-form <c>nation</c> claim is accepted only in Development, where tokens come from
/// <c>dotnet user-jwts</c>. Both hosts apply this to the caller before any handler reads it.
/// </summary>
public static class NationClaims
{
    /// <summary>Whether the free-form <see cref="Caller.NationClaim"/> is read in this environment (Development only).</summary>
    public static bool AreAccepted(IHostEnvironment? environment) => environment?.IsDevelopment() == true;

    /// <summary>
    /// The principal as the core may read it in <paramref name="environment"/>: outside Development, without any
    /// <see cref="Caller.NationClaim"/> claim (its identities are copied; the original is left as it is).
    /// </summary>
    public static ClaimsPrincipal ForEnvironment(ClaimsPrincipal principal, IHostEnvironment? environment)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (AreAccepted(environment) || !principal.HasClaim(c => c.Type == Caller.NationClaim))
        {
            return principal;
        }

        var filtered = new ClaimsPrincipal();
        foreach (ClaimsIdentity identity in principal.Identities)
        {
            filtered.AddIdentity(new ClaimsIdentity(
                identity.Claims.Where(c => c.Type != Caller.NationClaim),
                identity.AuthenticationType,
                identity.NameClaimType,
                identity.RoleClaimType));
        }

        return filtered;
    }
}
