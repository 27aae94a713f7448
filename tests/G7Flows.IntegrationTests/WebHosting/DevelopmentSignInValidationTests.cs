using G7Flows.Server.Hosting;
using Xunit;

namespace G7Flows.IntegrationTests.WebHosting;

/// <summary>The development sign-in's checks of its form: a name, one G7Flows role, and a nation or organisation where the role needs one.</summary>
public sealed class DevelopmentSignInValidationTests
{
    [Theory]
    [InlineData("fr.reviewer@example.org", "reviewer", "FR", null)]
    [InlineData("staff@example.org", "staff", null, null)]
    [InlineData("staff@example.org", "staff", "DE", null)]
    [InlineData("admin@example.org", "admin", "", "")]
    [InlineData("sec@example.org", "security-reviewer", "EU", null)]
    [InlineData("hr@example.org", "human-rights-reviewer", null, null)]
    [InlineData("approver@example.org", "approver", "JP", null)]
    [InlineData("ngo@example.org", "civil-society", null, "Open Budget Watch")]
    public void A_complete_form_has_no_errors(string name, string role, string? nation, string? org)
    {
        // Act
        var errors = DevelopmentSignIn.Validate(new SignInRequest(name, role, nation, org));

        // Assert
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData(null, "staff", null, null, "name")]
    [InlineData("", "staff", null, null, "name")]
    [InlineData("   ", "staff", null, null, "name")]
    [InlineData("two\nlines", "staff", null, null, "name")]
    [InlineData("a name", null, null, null, "role")]
    [InlineData("a name", "Staff", null, null, "role")]
    [InlineData("a name", "superuser", null, null, "role")]
    [InlineData("a name", "reviewer", null, null, "nation")]
    [InlineData("a name", "security-reviewer", "", null, "nation")]
    [InlineData("a name", "approver", "XX", null, "nation")]
    [InlineData("a name", "staff", "fr", null, "nation")]
    [InlineData("a name", "civil-society", null, null, "org")]
    [InlineData("a name", "civil-society", null, "<b>Watch</b>", "org")]
    [InlineData("a name", "staff", null, "Watch/Group", "org")]
    public void An_incomplete_or_wrong_field_is_named_with_a_message(string? name, string? role, string? nation, string? org, string field)
    {
        // Act
        var errors = DevelopmentSignIn.Validate(new SignInRequest(name, role, nation, org));

        // Assert: exactly that field, with words a person can act on.
        Assert.Equal([field], errors.Keys);
        Assert.All(errors[field], message => Assert.True(message.Length > 10, message));
    }

    [Fact]
    public void A_name_longer_than_100_characters_is_refused()
    {
        // Act
        var errors = DevelopmentSignIn.Validate(new SignInRequest(new string('n', 101), "staff", null, null));

        // Assert
        Assert.Equal(["name"], errors.Keys);
        Assert.Contains("1 to 100", errors["name"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void No_form_at_all_is_one_error_that_says_what_to_send()
    {
        // Act
        var errors = DevelopmentSignIn.Validate(null);

        // Assert
        Assert.Equal(["body"], errors.Keys);
    }

    [Fact]
    public void Every_wrong_field_is_reported_at_once()
    {
        // Act
        var errors = DevelopmentSignIn.Validate(new SignInRequest("", "approver", null, null));

        // Assert
        Assert.Equal(["name", "nation"], errors.Keys.Order(StringComparer.Ordinal));
    }
}
