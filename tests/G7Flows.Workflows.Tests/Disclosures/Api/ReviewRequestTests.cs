using G7Flows.Workflows.Disclosures.Api;
using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Platform.Security;

namespace G7Flows.Workflows.Tests.Disclosures.Api;

public sealed class ReviewRequestTests
{
    [Theory]
    [InlineData(ReviewSteps.Security, ReviewDecisions.Approve, null)]
    [InlineData(ReviewSteps.Security, ReviewDecisions.RequestChanges, "Remove the annex.")]
    [InlineData(ReviewSteps.HumanRights, ReviewDecisions.Reject, "Civilian impact not assessed.")]
    [InlineData(ReviewSteps.Final, ReviewDecisions.Approve, "Approved.")]
    [InlineData(ReviewSteps.Final, ReviewDecisions.Reject, "Not now.")]
    public void A_valid_answer_is_taken(string step, string decision, string? comment)
    {
        // Arrange
        var errors = new Dictionary<string, string[]>();

        // Act
        var (taken, said) = new ReviewRequest { Decision = decision, Comment = comment }.Validate(step, errors);

        // Assert
        Assert.Empty(errors);
        Assert.Equal((decision, comment), (taken, said));
    }

    [Theory]
    [InlineData(ReviewSteps.Final, ReviewDecisions.RequestChanges, "Please change.", "decision")]
    [InlineData(ReviewSteps.Security, "maybe", null, "decision")]
    [InlineData(ReviewSteps.Security, null, null, "decision")]
    [InlineData(ReviewSteps.Security, ReviewDecisions.RequestChanges, null, "comment")]
    [InlineData(ReviewSteps.HumanRights, ReviewDecisions.Reject, "   ", "comment")]
    [InlineData(ReviewSteps.Security, ReviewDecisions.Approve, "bell \u0007", "comment")]
    public void A_bad_answer_is_refused_with_the_field_named(string step, string? decision, string? comment, string field)
    {
        // Arrange
        var errors = new Dictionary<string, string[]>();

        // Act
        var (taken, _) = new ReviewRequest { Decision = decision, Comment = comment }.Validate(step, errors);

        // Assert
        Assert.Null(taken);
        Assert.Equal([field], errors.Keys);
    }
}
