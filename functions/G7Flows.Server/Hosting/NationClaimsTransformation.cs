using System.Security.Claims;
using G7Flows.Workflows.Platform.Security;
using Microsoft.AspNetCore.Authentication;

namespace G7Flows.Server.Hosting;

/// <summary>Outside Development a reviewer's nation comes only from <c>nation.XX</c> app roles (<see cref="NationClaims"/>).</summary>
internal sealed class NationClaimsTransformation(IHostEnvironment environment) : IClaimsTransformation
{
    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal) =>
        Task.FromResult(NationClaims.ForEnvironment(principal, environment));
}
