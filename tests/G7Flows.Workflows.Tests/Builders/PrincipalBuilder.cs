using System.Security.Claims;
using G7Flows.Workflows.Platform.Security;

namespace G7Flows.Workflows.Tests.Builders;

/// <summary>Claims principals as an identity provider would hand them over; authenticated with a subject by default.</summary>
internal sealed class PrincipalBuilder
{
    private readonly List<Claim> claims = [new("sub", "subject-1")];
    private string? authenticationType = "Bearer";

    public static PrincipalBuilder Authenticated() => new();

    public PrincipalBuilder Anonymous()
    {
        this.authenticationType = null;
        return this;
    }

    public PrincipalBuilder WithoutClaims()
    {
        this.claims.Clear();
        return this;
    }

    public PrincipalBuilder With(string type, string value)
    {
        this.claims.Add(new Claim(type, value));
        return this;
    }

    public PrincipalBuilder WithRoles(params string[] roles)
    {
        foreach (string role in roles)
        {
            this.claims.Add(new Claim("roles", role));
        }

        return this;
    }

    public ClaimsPrincipal Build() => new(new ClaimsIdentity(this.claims, this.authenticationType));

    public Caller? ToCaller() => Caller.FromPrincipal(this.Build());
}
