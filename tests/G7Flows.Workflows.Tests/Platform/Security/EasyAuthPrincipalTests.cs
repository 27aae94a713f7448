using System.Security.Claims;
using System.Text;
using G7Flows.Workflows.Platform.Security;

namespace G7Flows.Workflows.Tests.Platform.Security;

public sealed class EasyAuthPrincipalTests
{
    private const string ValidJson = """
        {
          "auth_typ": "aad",
          "name_typ": "name",
          "role_typ": "roles",
          "claims": [
            { "typ": "sub", "val": "entra-subject-7" },
            { "typ": "name", "val": "Giulia Rossi" },
            { "typ": "roles", "val": "reviewer" },
            { "typ": "roles", "val": "nation.IT" }
          ]
        }
        """;

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void A_valid_header_gives_an_authenticated_principal_with_its_claims()
    {
        // Act
        ClaimsPrincipal? principal = EasyAuthPrincipal.Parse(Base64(ValidJson));

        // Assert
        Assert.NotNull(principal);
        Assert.True(principal.Identity?.IsAuthenticated);
        Assert.Equal("aad", principal.Identity?.AuthenticationType);
        Assert.Equal("Giulia Rossi", principal.Identity?.Name);
        Assert.True(principal.IsInRole("reviewer"));
        Assert.Equal("entra-subject-7", principal.FindFirst("sub")?.Value);
    }

    [Fact]
    public void A_valid_header_becomes_a_reviewer_of_the_nation_in_its_roles()
    {
        // Act
        Caller? caller = Caller.FromPrincipal(EasyAuthPrincipal.Parse(Base64(ValidJson)));

        // Assert
        Assert.Equal(new Caller("entra-subject-7", "Giulia Rossi", caller!.Roles, "IT"), caller);
        Assert.Equal(["reviewer"], caller.Roles);
    }

    [Fact]
    public void Roles_claims_take_the_declared_role_type()
    {
        // Arrange
        string json = """{ "role_typ": "http://schemas.microsoft.com/ws/2008/06/identity/claims/role", "claims": [ { "typ": "roles", "val": "staff" } ] }""";

        // Act
        ClaimsPrincipal? principal = EasyAuthPrincipal.Parse(Base64(json));

        // Assert
        Assert.NotNull(principal);
        Assert.Equal("staff", principal.FindFirst(ClaimTypes.Role)?.Value);
        Assert.True(principal.IsInRole("staff"));
    }

    [Fact]
    public void Defaults_apply_when_the_types_are_missing()
    {
        // Arrange
        string json = """{ "claims": [ { "typ": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", "val": "Ken Sato" } ] }""";

        // Act
        ClaimsPrincipal? principal = EasyAuthPrincipal.Parse(Base64(json));

        // Assert
        Assert.NotNull(principal);
        Assert.Equal("aad", principal.Identity?.AuthenticationType);
        Assert.Equal("Ken Sato", principal.Identity?.Name);
    }

    [Fact]
    public void Claims_that_are_not_strings_are_skipped()
    {
        // Arrange
        string json = """{ "claims": [ { "typ": "sub", "val": 42 }, { "typ": null, "val": "x" }, { "val": "y" }, { "typ": "name", "val": "kept" } ] }""";

        // Act
        ClaimsPrincipal? principal = EasyAuthPrincipal.Parse(Base64(json));

        // Assert
        Assert.NotNull(principal);
        Claim claim = Assert.Single(principal.Claims);
        Assert.Equal("kept", claim.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not base64 at all!")]
    [InlineData("e30")] // "{}" without its padding
    public void A_missing_or_undecodable_header_gives_nobody(string? header)
    {
        // Act
        ClaimsPrincipal? principal = EasyAuthPrincipal.Parse(header);

        // Assert
        Assert.Null(principal);
    }

    [Theory]
    [InlineData("{ \"claims\": [ ")]
    [InlineData("<principal/>")]
    [InlineData("\u0000")]
    public void Base64_that_is_not_json_gives_nobody(string text)
    {
        // Act
        ClaimsPrincipal? principal = EasyAuthPrincipal.Parse(Base64(text));

        // Assert
        Assert.Null(principal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"principal\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("{ \"claims\": [ 1, \"two\" ] }")]
    [InlineData("{ \"claims\": [ [ \"sub\", \"x\" ] ] }")]
    public void Json_of_the_wrong_shape_gives_nobody(string json)
    {
        // Act
        ClaimsPrincipal? principal = null;
        Exception? thrown = Record.Exception(() => principal = EasyAuthPrincipal.Parse(Base64(json)));

        // Assert: "null when absent or malformed", never an exception (an exception here is a 500 for any caller)
        Assert.Null(thrown);
        Assert.Null(principal);
    }

    [Fact]
    public void An_oversized_header_gives_nobody_even_when_it_is_valid()
    {
        // Arrange: a valid principal padded beyond 64 KiB of header
        string padding = new('x', 60 * 1024);
        string header = Base64($$"""{ "claims": [ { "typ": "sub", "val": "s" }, { "typ": "padding", "val": "{{padding}}" } ] }""");
        Assert.True(header.Length > 64 * 1024);

        // Act
        ClaimsPrincipal? principal = EasyAuthPrincipal.Parse(header);

        // Assert
        Assert.Null(principal);
    }

    [Fact]
    public void A_header_just_under_the_limit_is_read()
    {
        // Arrange
        string padding = new('x', 40 * 1024);
        string header = Base64($$"""{ "claims": [ { "typ": "sub", "val": "s" }, { "typ": "padding", "val": "{{padding}}" } ] }""");
        Assert.True(header.Length <= 64 * 1024);

        // Act
        ClaimsPrincipal? principal = EasyAuthPrincipal.Parse(header);

        // Assert
        Assert.Equal("s", principal?.FindFirst("sub")?.Value);
    }
}
