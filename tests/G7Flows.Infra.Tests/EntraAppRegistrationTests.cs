using System.Text.Json;
using G7Flows.Infra.Tests.Support;
using G7Flows.Workflows.Platform.Security;

namespace G7Flows.Infra.Tests;

/// <summary>infra/entra/*.json, which docs/deploy.md applies to the G7Flows API app registration.</summary>
public sealed class EntraAppRegistrationTests
{
    private static List<JsonElement> AppRoles =>
        [.. JsonDocument.Parse(Repository.ReadAllText("infra", "entra", "app-roles.json")).RootElement.EnumerateArray()];

    private static IEnumerable<string> Values => AppRoles.Select(role => role.GetProperty("value").GetString()!);

    [Theory]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.Reviewer)]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.SecurityReviewer)]
    [InlineData(Roles.HumanRightsReviewer)]
    [InlineData(Roles.Approver)]
    [InlineData(Roles.CivilSociety)]
    public void App_registration_defines_the_role(string value)
    {
        // Act
        var role = Assert.Single(AppRoles, candidate => candidate.GetProperty("value").GetString() == value);

        // Assert
        Assert.True(role.GetProperty("isEnabled").GetBoolean());
        Assert.Equal(["User"], role.GetProperty("allowedMemberTypes").EnumerateArray().Select(type => type.GetString()));
    }

    [Fact]
    public void App_registration_defines_one_nation_role_per_nation_G7Flows_knows()
    {
        // Arrange
        var expected = Nations.All.Select(code => Roles.NationRolePrefix + code).Order(StringComparer.Ordinal);

        // Act
        var nations = Values.Where(value => value.StartsWith(Roles.NationRolePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal);

        // Assert
        Assert.Equal(expected, nations);
    }

    [Fact]
    public void App_registration_defines_no_role_G7Flows_ignores()
    {
        // Act
        var unknown = Values.Where(value => !Roles.All.Contains(value)
            && !(value.StartsWith(Roles.NationRolePrefix, StringComparison.Ordinal) && Nations.IsKnown(value[Roles.NationRolePrefix.Length..]))
            && !(value.StartsWith(Roles.OrgRolePrefix, StringComparison.Ordinal) && Caller.IsCleanOrg(value[Roles.OrgRolePrefix.Length..])));

        // Assert
        Assert.Empty(unknown);
    }

    [Fact]
    public void App_role_ids_and_values_are_unique()
    {
        // Act
        var ids = AppRoles.Select(role => Guid.Parse(role.GetProperty("id").GetString()!)).ToList();

        // Assert
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(Values.Count(), Values.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Api_issues_v2_access_tokens_and_exposes_a_delegated_scope()
    {
        // Arrange
        var api = JsonDocument.Parse(Repository.ReadAllText("infra", "entra", "api.json")).RootElement.GetProperty("api");

        // Act
        var scope = Assert.Single(api.GetProperty("oauth2PermissionScopes").EnumerateArray());

        // Assert
        Assert.Equal(2, api.GetProperty("requestedAccessTokenVersion").GetInt32());
        Assert.Equal("access_as_user", scope.GetProperty("value").GetString());
        Assert.DoesNotContain(AppRoles, role => role.GetProperty("id").GetString() == scope.GetProperty("id").GetString());
    }

    [Fact]
    public void Web_sign_in_returns_to_Easy_Auths_callback_and_gets_only_an_ID_token()
    {
        // Arrange: docs/deploy.md replaces HOST with the app's (or Front Door's) host name before applying the file.
        var web = JsonDocument.Parse(Repository.ReadAllText("infra", "entra", "web.json")).RootElement.GetProperty("web");

        // Act
        var redirect = Assert.Single(web.GetProperty("redirectUris").EnumerateArray()).GetString();
        var implicitGrant = web.GetProperty("implicitGrantSettings");

        // Assert: Easy Auth without a client secret signs in with the implicit flow and needs only the ID token.
        Assert.Equal("https://HOST/.auth/login/aad/callback", redirect);
        Assert.True(implicitGrant.GetProperty("enableIdTokenIssuance").GetBoolean());
        Assert.False(implicitGrant.GetProperty("enableAccessTokenIssuance").GetBoolean());
        Assert.Contains("infra/entra/web.json", Repository.ReadAllText("docs", "deploy.md"), StringComparison.Ordinal);
    }
}
