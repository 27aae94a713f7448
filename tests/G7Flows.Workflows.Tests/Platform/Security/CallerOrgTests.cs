using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Tests.Builders;

namespace G7Flows.Workflows.Tests.Platform.Security;

/// <summary>A civil-society caller's organisation, from the <c>org</c> claim or an <c>org.*</c> app role; plain text only.</summary>
public sealed class CallerOrgTests
{
    [Fact]
    public void The_organisation_comes_from_the_org_claim()
    {
        // Act
        Caller? caller = PrincipalBuilder.Authenticated().WithRoles(Roles.CivilSociety).With(Caller.OrgClaim, "Open Budget Watch").ToCaller();

        // Assert
        Assert.Equal("Open Budget Watch", caller!.Org);
        Assert.True(caller.IsInRole(Roles.CivilSociety));
    }

    [Fact]
    public void The_organisation_comes_from_an_org_app_role_as_nations_come_from_nation_roles()
    {
        // Act
        Caller? caller = PrincipalBuilder.Authenticated().WithRoles(Roles.CivilSociety, "org.Open-Budget-Watch").ToCaller();

        // Assert
        Assert.Equal("Open-Budget-Watch", caller!.Org);
    }

    [Fact]
    public void The_claim_and_the_role_naming_the_same_organisation_agree()
    {
        // Act
        Caller? caller = PrincipalBuilder.Authenticated().WithRoles(Roles.CivilSociety, "org.Watch").With(Caller.OrgClaim, "Watch").ToCaller();

        // Assert
        Assert.Equal("Watch", caller!.Org);
    }

    [Fact]
    public void A_caller_with_two_organisations_acts_for_none()
    {
        // Act
        Caller? caller = PrincipalBuilder.Authenticated().WithRoles(Roles.CivilSociety, "org.One").With(Caller.OrgClaim, "Two").ToCaller();

        // Assert
        Assert.Null(caller!.Org);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Watch & Co")]
    [InlineData("\"Quoted\"")]
    [InlineData("It's")]
    [InlineData("Line\nbreak")]
    [InlineData("Tab\there")]
    [InlineData("Bidi\u202Eoverride")]
    [InlineData("slash/in/key")]
    [InlineData(" padded ")]
    [InlineData("   ")]
    [InlineData("")]
    public void An_organisation_with_markup_or_control_characters_is_refused(string org)
    {
        // Act
        Caller? caller = PrincipalBuilder.Authenticated().WithRoles(Roles.CivilSociety).With(Caller.OrgClaim, org).ToCaller();

        // Assert
        Assert.Null(caller!.Org);
    }

    [Fact]
    public void An_organisation_longer_than_the_limit_is_refused()
    {
        // Act
        Caller? caller = PrincipalBuilder.Authenticated().WithRoles(Roles.CivilSociety).With(Caller.OrgClaim, new string('a', Caller.MaxOrgLength + 1)).ToCaller();

        // Assert
        Assert.Null(caller!.Org);
    }

    [Theory]
    [InlineData("security-reviewer")]
    [InlineData("human-rights-reviewer")]
    [InlineData("approver")]
    [InlineData("civil-society")]
    public void The_disclosure_roles_are_read(string role)
    {
        // Act
        Caller? caller = PrincipalBuilder.Authenticated().WithRoles(role).ToCaller();

        // Assert
        Assert.True(caller!.IsInRole(role));
    }

    [Fact]
    public void An_unknown_role_is_ignored()
    {
        // Act
        Caller? caller = PrincipalBuilder.Authenticated().WithRoles("superuser").ToCaller();

        // Assert
        Assert.Empty(caller!.Roles);
    }
}
