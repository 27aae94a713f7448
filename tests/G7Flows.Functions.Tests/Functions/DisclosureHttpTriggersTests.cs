using G7Flows.Functions.Functions;
using G7Flows.Functions.Tests.Support;
using G7Flows.Workflows.Disclosures.Api;
using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Platform.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace G7Flows.Functions.Tests.Functions;

/// <summary>
/// The disclosure functions over the core's handlers, for requests decided before storage is touched: refused with the
/// right problem, and the durable client is never asked to start or signal anything.
/// </summary>
public sealed class DisclosureHttpTriggersTests : IDisposable
{
    private readonly ServiceProvider services = Requests.CoreServices();
    private readonly Mock<DurableTaskClient> client = new("test");
    private readonly DisclosureHttpTriggers functions;

    public DisclosureHttpTriggersTests()
    {
        this.functions = new DisclosureHttpTriggers(this.services.GetRequiredService<DisclosureApi>());
    }

    public void Dispose() => this.services.Dispose();

    private static object ValidSubmission() => new
    {
        nation = "FR",
        kind = "defence-policy",
        title = "Defence policy review",
        body = "# Policy",
        commentPeriod = "P14D",
    };

    [Fact]
    public async Task Submit_without_a_token_is_401()
    {
        // Arrange
        HttpRequest request = Requests.PostJson(this.services, user: null, ValidSubmission());

        // Act
        Answer answer = await Requests.ExecuteAsync(await this.functions.SubmitDisclosure(request, this.client.Object), request);

        // Assert
        Assert.Equal(StatusCodes.Status401Unauthorized, answer.Status);
        Assert.Equal("application/problem+json", answer.ContentType);
        this.AssertNothingScheduledOrRaised();
    }

    [Fact]
    public async Task Submit_by_a_security_reviewer_is_403()
    {
        // Arrange
        HttpRequest request = Requests.PostJson(this.services, Callers.Principal("s-1", "s@example.org", [Roles.SecurityReviewer], "FR"), ValidSubmission());

        // Act
        Answer answer = await Requests.ExecuteAsync(await this.functions.SubmitDisclosure(request, this.client.Object), request);

        // Assert
        Assert.Equal(StatusCodes.Status403Forbidden, answer.Status);
        this.AssertNothingScheduledOrRaised();
    }

    [Fact]
    public async Task A_submission_with_a_bad_comment_period_is_400_naming_the_field()
    {
        // Arrange
        HttpRequest request = Requests.PostJson(this.services, Callers.Staff(), new { nation = "FR", kind = "defence-policy", title = "T", body = "# B", commentPeriod = "P61D" });

        // Act
        Answer answer = await Requests.ExecuteAsync(await this.functions.SubmitDisclosure(request, this.client.Object), request);

        // Assert
        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(["commentPeriod"], answer.ErrorFields);
        this.AssertNothingScheduledOrRaised();
    }

    [Fact]
    public async Task An_approver_answering_the_security_step_is_403()
    {
        // Arrange
        HttpRequest request = Requests.PostJson(this.services, Callers.Principal("a-1", "a@example.org", [Roles.Approver], "FR"), new { decision = "approve" });

        // Act
        Answer answer = await Requests.ExecuteAsync(await this.functions.ReviewDisclosure(request, this.client.Object, DisclosureIds.New(), "security"), request);

        // Assert
        Assert.Equal(StatusCodes.Status403Forbidden, answer.Status);
        this.AssertNothingScheduledOrRaised();
    }

    [Fact]
    public async Task An_unknown_review_step_is_404()
    {
        // Arrange
        HttpRequest request = Requests.PostJson(this.services, Callers.Principal("s-1", "s@example.org", [Roles.SecurityReviewer], "FR"), new { decision = "approve" });

        // Act
        Answer answer = await Requests.ExecuteAsync(await this.functions.ReviewDisclosure(request, this.client.Object, DisclosureIds.New(), "legal"), request);

        // Assert
        Assert.Equal(StatusCodes.Status404NotFound, answer.Status);
        this.AssertNothingScheduledOrRaised();
    }

    [Fact]
    public async Task A_comment_from_staff_is_403()
    {
        // Arrange
        HttpRequest request = Requests.PostJson(this.services, Callers.Staff(), new { text = "A remark." });

        // Act
        Answer answer = await Requests.ExecuteAsync(await this.functions.CommentOnDisclosure(request, DisclosureIds.New()), request);

        // Assert
        Assert.Equal(StatusCodes.Status403Forbidden, answer.Status);
    }

    [Fact]
    public async Task A_withdrawal_without_a_reason_is_400()
    {
        // Arrange
        HttpRequest request = Requests.PostJson(this.services, Callers.Staff(), new { reason = " " });

        // Act
        Answer answer = await Requests.ExecuteAsync(await this.functions.WithdrawDisclosure(request, this.client.Object, DisclosureIds.New()), request);

        // Assert
        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(["reason"], answer.ErrorFields);
        this.AssertNothingScheduledOrRaised();
    }

    [Fact]
    public async Task A_listing_with_an_unknown_status_is_400()
    {
        // Arrange
        HttpRequest request = Requests.Get(this.services, Callers.Staff(), "?status=Open");

        // Act
        Answer answer = await Requests.ExecuteAsync(await this.functions.ListDisclosures(request), request);

        // Assert
        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(["status"], answer.ErrorFields);
    }

    private void AssertNothingScheduledOrRaised()
    {
        this.client.Verify(
            c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()),
            Times.Never);
        this.client.VerifyNoOtherCalls();
    }
}
