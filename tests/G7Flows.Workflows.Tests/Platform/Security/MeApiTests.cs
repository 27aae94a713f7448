using System.Security.Claims;
using System.Text.Json;
using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Tests.Builders;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace G7Flows.Workflows.Tests.Platform.Security;

/// <summary><c>GET /api/me</c> tells the caller who G7Flows takes them for, and nothing about anyone else.</summary>
public sealed class MeApiTests
{
    [Fact]
    public async Task A_reviewer_learns_the_roles_G7Flows_acts_on_and_their_nation()
    {
        // Arrange
        ClaimsPrincipal principal = PrincipalBuilder.Authenticated().With("name", "fr.reviewer@example.org").WithRoles("reviewer", "nation.FR", "Directory.Reader").Build();

        // Act
        (int status, JsonElement body) = await GetAsync(principal);

        // Assert: the role G7Flows does not know is left out; the nation comes from the nation role.
        Assert.Equal(200, status);
        Assert.Equal("subject-1", body.GetProperty("subject").GetString());
        Assert.Equal("fr.reviewer@example.org", body.GetProperty("name").GetString());
        Assert.Equal(["reviewer"], body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("FR", body.GetProperty("nation").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("org").ValueKind);
    }

    [Fact]
    public async Task Roles_come_sorted_and_a_civil_society_caller_learns_the_organisation()
    {
        // Arrange
        ClaimsPrincipal principal = PrincipalBuilder.Authenticated().WithRoles("staff", "civil-society", "org.Open Budget Watch").Build();

        // Act
        (int status, JsonElement body) = await GetAsync(principal);

        // Assert
        Assert.Equal(200, status);
        Assert.Equal(["civil-society", "staff"], body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("Open Budget Watch", body.GetProperty("org").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("nation").ValueKind);
        Assert.Equal("subject-1", body.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_caller_with_two_nations_is_told_they_act_for_none()
    {
        // Arrange
        ClaimsPrincipal principal = PrincipalBuilder.Authenticated().WithRoles("reviewer", "nation.FR", "nation.DE").Build();

        // Act
        (_, JsonElement body) = await GetAsync(principal);

        // Assert
        Assert.Equal(JsonValueKind.Null, body.GetProperty("nation").ValueKind);
    }

    [Fact]
    public async Task Nobody_signed_in_gets_a_401_problem()
    {
        // Arrange
        ClaimsPrincipal principal = PrincipalBuilder.Authenticated().WithRoles("staff").Anonymous().Build();

        // Act
        (int status, JsonElement body) = await GetAsync(principal);

        // Assert
        Assert.Equal(401, status);
        Assert.Equal(401, body.GetProperty("status").GetInt32());
        Assert.False(body.TryGetProperty("roles", out _));
    }

    [Fact]
    public async Task An_authenticated_principal_without_a_subject_gets_a_401_problem()
    {
        // Arrange
        ClaimsPrincipal principal = PrincipalBuilder.Authenticated().WithoutClaims().WithRoles("admin").Build();

        // Act
        (int status, _) = await GetAsync(principal);

        // Assert
        Assert.Equal(401, status);
    }

    private static async Task<(int Status, JsonElement Body)> GetAsync(ClaimsPrincipal principal)
    {
        var context = new DefaultHttpContext
        {
            User = principal,
            RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider(),
        };
        context.Request.Method = HttpMethods.Get;
        context.Response.Body = new MemoryStream();
        await MeApi.Get(context.Request).ExecuteAsync(context);
        context.Response.Body.Position = 0;
        using JsonDocument document = await JsonDocument.ParseAsync(context.Response.Body);
        return (context.Response.StatusCode, document.RootElement.Clone());
    }
}
