using G7Flows.Workflows.Consultations.Api;
using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Tests.Builders;

namespace G7Flows.Workflows.Tests.Consultations.Api;

public sealed class RespondRequestTests
{
    [Theory]
    [InlineData("approve", Position.Approve)]
    [InlineData("object", Position.Object)]
    [InlineData("abstain", Position.Abstain)]
    public void Each_position_is_accepted_by_its_wire_name(string wire, Position expected)
    {
        // Arrange
        var request = new RespondRequest { Position = wire };

        // Act
        var valid = request.Validate(out Dictionary<string, string[]> errors);

        // Assert
        Assert.Empty(errors);
        Assert.Equal(expected, valid?.Position);
        Assert.Null(valid?.Comment);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Approve")]
    [InlineData("yes")]
    [InlineData("approved")]
    [InlineData("0")]
    public void Anything_else_is_not_a_position(string? position)
    {
        // Arrange
        var request = new RespondRequest { Position = position, Comment = "Fine." };

        // Act
        var valid = request.Validate(out Dictionary<string, string[]> errors);

        // Assert
        Assert.Null(valid);
        Assert.Equal(["position"], errors.Keys);
    }

    [Theory]
    [InlineData("  We support the exercise.  ", "We support the exercise.")]
    [InlineData("Line one\nLine two\twith a tab", "Line one\nLine two\twith a tab")]
    [InlineData("   ", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void A_comment_is_trimmed_and_a_blank_one_is_no_comment(string? comment, string? expected)
    {
        // Arrange
        var request = new RespondRequest { Position = "approve", Comment = comment };

        // Act
        var valid = request.Validate(out _);

        // Assert
        Assert.NotNull(valid);
        Assert.Equal(expected, valid.Value.Comment);
    }

    [Fact]
    public void A_comment_of_4000_characters_is_accepted_and_one_more_is_not()
    {
        // Arrange
        var longest = new RespondRequest { Position = "object", Comment = new string('c', 4000) };
        var tooLong = new RespondRequest { Position = "object", Comment = new string('c', 4001) };

        // Act
        var accepted = longest.Validate(out _);
        var refused = tooLong.Validate(out Dictionary<string, string[]> errors);

        // Assert
        Assert.NotNull(accepted);
        Assert.Null(refused);
        Assert.Equal(["comment"], errors.Keys);
    }

    [Theory]
    [InlineData("bell \u0007")]
    [InlineData("escape \u001b[2J")]
    [InlineData("null \u0000")]
    [InlineData("a lone high surrogate")]
    [InlineData("a lone low surrogate")]
    [InlineData("a pair in the wrong order")]
    public void A_comment_with_control_characters_or_invalid_unicode_is_refused(string comment)
    {
        // Arrange
        var request = new RespondRequest { Position = "abstain", Comment = BadUnicode.Text(comment) };

        // Act
        var valid = request.Validate(out Dictionary<string, string[]> errors);

        // Assert
        Assert.Null(valid);
        Assert.Equal(["comment"], errors.Keys);
    }

    [Fact]
    public void Both_problems_are_reported_together()
    {
        // Arrange
        var request = new RespondRequest { Position = "maybe", Comment = new string('c', 5000) };

        // Act
        var valid = request.Validate(out Dictionary<string, string[]> errors);

        // Assert
        Assert.Null(valid);
        Assert.Equal(["comment", "position"], errors.Keys.Order(StringComparer.Ordinal));
    }
}
