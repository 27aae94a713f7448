using System.Security.Claims;
using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Tests.Builders;

namespace G7Flows.Workflows.Tests.Platform.Security;

public sealed class CallerTests
{
    [Fact]
    public void Nobody_is_read_from_a_missing_principal()
    {
        // Act
        Caller? caller = Caller.FromPrincipal(null);

        // Assert
        Assert.Null(caller);
    }

    [Fact]
    public void Nobody_is_read_from_an_unauthenticated_principal_even_with_claims()
    {
        // Arrange
        ClaimsPrincipal principal = PrincipalBuilder.Authenticated().WithRoles("staff").Anonymous().Build();

        // Act
        Caller? caller = Caller.FromPrincipal(principal);

        // Assert
        Assert.Null(caller);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Nobody_is_read_from_a_principal_without_a_subject(string subject)
    {
        // Arrange
        var builder = PrincipalBuilder.Authenticated().WithoutClaims().WithRoles("staff");
        if (subject.Length > 0)
        {
            builder.With("sub", subject);
        }

        // Act
        Caller? caller = builder.ToCaller();

        // Assert
        Assert.Null(caller);
    }

    [Theory]
    [InlineData("sub", "subject-sub")]
    [InlineData(ClaimTypes.NameIdentifier, "subject-nameidentifier")]
    [InlineData("oid", "subject-oid")]
    [InlineData("http://schemas.microsoft.com/identity/claims/objectidentifier", "subject-objectidentifier")]
    public void The_subject_comes_from_sub_or_oid(string claimType, string value)
    {
        // Arrange
        var builder = PrincipalBuilder.Authenticated().WithoutClaims().With(claimType, value);

        // Act
        Caller? caller = builder.ToCaller();

        // Assert
        Assert.Equal(value, caller?.Subject);
    }

    [Fact]
    public void Sub_is_preferred_to_oid()
    {
        // Arrange
        var builder = PrincipalBuilder.Authenticated().WithoutClaims().With("oid", "the-oid").With("sub", "the-sub");

        // Act
        Caller? caller = builder.ToCaller();

        // Assert
        Assert.Equal("the-sub", caller?.Subject);
    }

    [Theory]
    [InlineData("name", "Amélie Laurent")]
    [InlineData(ClaimTypes.Name, "Amélie Laurent")]
    [InlineData("preferred_username", "amelie@defense.example")]
    [InlineData(ClaimTypes.Upn, "amelie@defense.example")]
    public void The_name_comes_from_the_name_claims(string claimType, string value)
    {
        // Arrange
        var builder = PrincipalBuilder.Authenticated().With(claimType, value);

        // Act
        Caller? caller = builder.ToCaller();

        // Assert
        Assert.Equal(value, caller?.Name);
    }

    [Fact]
    public void Without_a_name_the_subject_is_the_name()
    {
        // Act
        Caller? caller = PrincipalBuilder.Authenticated().ToCaller();

        // Assert
        Assert.Equal("subject-1", caller?.Name);
    }

    [Fact]
    public void A_long_name_is_clipped_to_200_characters()
    {
        // Act
        Caller? caller = PrincipalBuilder.Authenticated().With("name", new string('n', 500)).ToCaller();

        // Assert
        Assert.Equal(new string('n', 200), caller?.Name);
    }

    [Theory]
    [InlineData(ClaimTypes.Role)]
    [InlineData("roles")]
    [InlineData("role")]
    public void Roles_are_read_from_every_role_claim_type(string claimType)
    {
        // Arrange
        var builder = PrincipalBuilder.Authenticated().With(claimType, "staff").With(claimType, "reviewer");

        // Act
        Caller? caller = builder.ToCaller();

        // Assert
        Assert.NotNull(caller);
        Assert.True(caller.IsInRole(Roles.Staff));
        Assert.True(caller.IsInRole(Roles.Reviewer));
        Assert.True(caller.IsStaff);
    }

    [Fact]
    public void Unknown_roles_and_roles_in_other_cases_are_dropped()
    {
        // Arrange
        var builder = PrincipalBuilder.Authenticated().WithRoles("Staff", "ADMIN", "superuser", "nation.FR", "reviewer");

        // Act
        Caller? caller = builder.ToCaller();

        // Assert
        Assert.NotNull(caller);
        Assert.Equal(["reviewer"], caller.Roles.Order(StringComparer.Ordinal));
        Assert.False(caller.IsStaff);
    }

    [Fact]
    public void An_admin_counts_as_staff()
    {
        // Act
        Caller? caller = PrincipalBuilder.Authenticated().WithRoles("admin").ToCaller();

        // Assert
        Assert.True(caller?.IsStaff);
    }

    [Theory]
    [InlineData("nation claim", "FR", null, "FR")]
    [InlineData("nation role", null, "nation.FR", "FR")]
    [InlineData("the same nation twice", "FR", "nation.FR", "FR")]
    [InlineData("two nations", "FR", "nation.DE", null)]
    [InlineData("unknown nation", "XX", null, null)]
    [InlineData("lower case nation", "fr", null, null)]
    [InlineData("unknown nation role", null, "nation.ZZ", null)]
    [InlineData("empty nation role", null, "nation.", null)]
    [InlineData("the European Union", "EU", null, "EU")]
    public void A_reviewer_has_a_nation_only_when_exactly_one_known_nation_is_given(string situation, string? nationClaim, string? nationRole, string? expected)
    {
        // Arrange
        var builder = PrincipalBuilder.Authenticated().WithRoles("reviewer");
        if (nationClaim is not null)
        {
            builder.With(Caller.NationClaim, nationClaim);
        }

        if (nationRole is not null)
        {
            builder.WithRoles(nationRole);
        }

        // Act
        Caller? caller = builder.ToCaller();

        // Assert
        Assert.NotNull(caller);
        Assert.True(expected == caller.Nation, $"{situation}: expected {expected ?? "no nation"}, got {caller.Nation ?? "no nation"}.");
    }

    [Fact]
    public void Two_nation_claims_give_no_nation()
    {
        // Act
        Caller? caller = PrincipalBuilder.Authenticated().WithRoles("reviewer").With("nation", "FR").With("nation", "DE").ToCaller();

        // Assert
        Assert.NotNull(caller);
        Assert.Null(caller.Nation);
    }
}
