using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Tests.Builders;
using Microsoft.Extensions.Hosting;
using Moq;

namespace G7Flows.Workflows.Tests.Platform.Security;

/// <summary>Outside Development a reviewer's nation comes only from <c>nation.XX</c> app roles.</summary>
public sealed class NationClaimsTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("Testing")]
    public void Outside_Development_a_free_form_nation_claim_gives_no_nation(string environment)
    {
        // Arrange
        var principal = PrincipalBuilder.Authenticated().WithRoles(Roles.Reviewer).With(Caller.NationClaim, "FR").Build();

        // Act
        Caller? caller = Caller.FromPrincipal(NationClaims.ForEnvironment(principal, Environment(environment)));

        // Assert
        Assert.Equal((true, (string?)null), (caller?.IsInRole(Roles.Reviewer), caller?.Nation));
    }

    [Fact]
    public void Outside_Development_the_nation_role_decides_even_beside_a_claim_for_another_nation()
    {
        // Arrange
        var principal = PrincipalBuilder.Authenticated().WithRoles(Roles.Reviewer, "nation.FR").With(Caller.NationClaim, "DE").Build();

        // Act
        Caller? caller = Caller.FromPrincipal(NationClaims.ForEnvironment(principal, Environment("Production")));

        // Assert
        Assert.Equal("FR", caller?.Nation);
    }

    [Fact]
    public void In_Development_the_nation_claim_of_a_development_token_is_read()
    {
        // Arrange
        var principal = PrincipalBuilder.Authenticated().WithRoles(Roles.Reviewer).With(Caller.NationClaim, "FR").Build();

        // Act
        Caller? caller = Caller.FromPrincipal(NationClaims.ForEnvironment(principal, Environment("Development")));

        // Assert
        Assert.Equal("FR", caller?.Nation);
    }

    [Fact]
    public void Without_a_known_environment_the_claim_is_not_read()
    {
        // Arrange
        var principal = PrincipalBuilder.Authenticated().WithRoles(Roles.Reviewer).With(Caller.NationClaim, "FR").Build();

        // Act
        Caller? caller = Caller.FromPrincipal(NationClaims.ForEnvironment(principal, null));

        // Assert
        Assert.Null(caller?.Nation);
        Assert.Equal("subject-1", caller?.Subject);
    }

    private static IHostEnvironment Environment(string name) => Mock.Of<IHostEnvironment>(e => e.EnvironmentName == name);
}
