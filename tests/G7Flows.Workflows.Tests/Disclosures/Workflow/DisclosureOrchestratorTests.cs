using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Disclosures.Workflow;
using G7Flows.Workflows.Platform.Durable;
using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Tests.Consultations.Workflow;

namespace G7Flows.Workflows.Tests.Disclosures.Workflow;

public sealed class DisclosureOrchestratorTests
{
    private static readonly DateTime T0 = DisclosureHarness.Submitted;

    private readonly DisclosureHarness harness = new();

    [Fact]
    public void Screens_then_opens_the_security_review_with_its_due_time_reminder_and_escalation()
    {
        // Act
        this.harness.Start();

        // Assert
        Assert.Equal([nameof(ScreenRevisionActivity), nameof(OpenReviewStepActivity)], this.harness.ActivityNames);
        var open = Assert.IsType<OpenStepRequest>(this.harness.CallsTo(nameof(OpenReviewStepActivity))[0].Input);
        Assert.Equal((ReviewSteps.Security, 1, T0, T0.AddDays(5)), (open.Step, open.Revision, open.OpenedAt, open.Due));
        Assert.Equal([T0.AddDays(4), T0.AddDays(5)], this.harness.PendingTimers.Select(t => t.FireAt).Order());
        Assert.False(this.harness.IsCompleted);
    }

    [Fact]
    public void A_clean_disclosure_goes_through_every_step_to_publication()
    {
        // Arrange
        this.harness.Start();

        // Act
        this.harness.Answer(ReviewSteps.Security, ReviewDecisions.Approve);
        Assert.Equal(DisclosureStatus.HumanRightsReview, this.harness.Status);
        this.harness.Answer(ReviewSteps.HumanRights, ReviewDecisions.Approve);
        Assert.Equal(DisclosureStatus.PublicComment, this.harness.Status);
        this.harness.FireAt(T0.AddDays(14));
        Assert.Equal(DisclosureStatus.FinalApproval, this.harness.Status);
        this.harness.Answer(ReviewSteps.Final, ReviewDecisions.Approve);

        // Assert
        DisclosureResult result = this.harness.Result;
        Assert.Equal(DisclosureStatus.Published, result.Status);
        Assert.Equal($"/api/public/disclosures/{DisclosureHarness.Id}", result.PublicPath);
        Assert.Equal(
            [
                nameof(ScreenRevisionActivity),
                nameof(OpenReviewStepActivity), nameof(ConcludeStepActivity),
                nameof(OpenReviewStepActivity), nameof(ConcludeStepActivity),
                nameof(CloseCommentPeriodActivity),
                nameof(OpenReviewStepActivity), nameof(ConcludeStepActivity),
                nameof(PublishDisclosureActivity),
            ],
            this.harness.ActivityNames);
        Assert.Empty(this.harness.PendingTimers);
    }

    [Fact]
    public void Every_activity_call_carries_the_shared_retry_policy()
    {
        // Act
        this.harness.Start();
        this.harness.ApproveThroughFinal();

        // Assert
        Assert.True(this.harness.IsCompleted);
        Assert.All(this.harness.Options, o => Assert.Same(RetryPolicies.ActivityOptions, o));
    }

    [Fact]
    public void The_comment_period_runs_from_the_human_rights_approval_and_is_stored_with_it()
    {
        // Arrange
        this.harness.Start();
        this.harness.Answer(ReviewSteps.Security, ReviewDecisions.Approve);
        this.harness.Now = T0.AddDays(2);

        // Act
        this.harness.Answer(ReviewSteps.HumanRights, ReviewDecisions.Approve);

        // Assert
        Assert.Equal(T0.AddDays(16), this.harness.Stored.CommentPeriodEnds);
        Assert.Single(this.harness.PendingTimers, t => t.FireAt == T0.AddDays(16));
        Assert.Empty(this.harness.CallsTo(nameof(CloseCommentPeriodActivity)));
    }

    [Fact]
    public void A_blocking_finding_sends_it_back_before_any_review_and_a_clean_revision_is_screened_again()
    {
        // Arrange
        this.harness.BlockedRevisions.Add(1);

        // Act
        this.harness.Start();

        // Assert: back to the submitter, no reviewer involved.
        Assert.Equal(DisclosureStatus.ChangesRequested, this.harness.Status);
        Assert.Empty(this.harness.CallsTo(nameof(OpenReviewStepActivity)));

        // Act
        this.harness.Revise();

        // Assert
        Assert.Equal(2, this.harness.CallsTo(nameof(ScreenRevisionActivity)).Count);
        Assert.Equal(2, Assert.IsType<ScreeningRequest>(this.harness.CallsTo(nameof(ScreenRevisionActivity))[1].Input).Revision);
        var open = Assert.IsType<OpenStepRequest>(Assert.Single(this.harness.CallsTo(nameof(OpenReviewStepActivity))).Input);
        Assert.Equal((ReviewSteps.Security, 2), (open.Step, open.Revision));
    }

    [Theory]
    [InlineData(ReviewSteps.Security)]
    [InlineData(ReviewSteps.HumanRights)]
    public void Requested_changes_return_it_to_the_submitter_and_review_starts_again_at_security(string step)
    {
        // Arrange
        this.harness.Start();
        if (step == ReviewSteps.HumanRights)
        {
            this.harness.Answer(ReviewSteps.Security, ReviewDecisions.Approve);
        }

        // Act
        this.harness.Answer(step, ReviewDecisions.RequestChanges);

        // Assert
        Assert.Equal(DisclosureStatus.ChangesRequested, this.harness.Status);
        Assert.Empty(this.harness.PendingTimers);

        // Act
        this.harness.Revise();

        // Assert
        OpenStepRequest reopened = Assert.IsType<OpenStepRequest>(this.harness.CallsTo(nameof(OpenReviewStepActivity))[^1].Input);
        Assert.Equal((ReviewSteps.Security, 2), (reopened.Step, reopened.Revision));
        Assert.Equal(DisclosureStatus.SecurityReview, this.harness.Status);
    }

    [Theory]
    [InlineData(ReviewSteps.Security)]
    [InlineData(ReviewSteps.HumanRights)]
    [InlineData(ReviewSteps.Final)]
    public void A_rejection_at_any_step_ends_it_without_publication(string step)
    {
        // Arrange
        this.harness.Start();
        if (step != ReviewSteps.Security)
        {
            this.harness.Answer(ReviewSteps.Security, ReviewDecisions.Approve);
        }

        if (step == ReviewSteps.Final)
        {
            this.harness.Answer(ReviewSteps.HumanRights, ReviewDecisions.Approve);
            this.harness.FireAt(T0.AddDays(14));
        }

        // Act
        this.harness.Answer(step, ReviewDecisions.Reject);

        // Assert
        DisclosureResult result = this.harness.Result;
        Assert.Equal(DisclosureStatus.Rejected, result.Status);
        Assert.Equal(nameof(SettleDisclosureActivity), this.harness.ActivityNames[^1]);
        Assert.Empty(this.harness.CallsTo(nameof(PublishDisclosureActivity)));
        Assert.Empty(this.harness.PendingTimers);
    }

    [Fact]
    public void Ten_revisions_are_allowed_and_the_eleventh_request_for_changes_rejects_it()
    {
        // Arrange
        this.harness.Start();
        for (int i = 1; i <= DisclosureLimits.MaxChangeRequests; i++)
        {
            this.harness.Answer(ReviewSteps.Security, ReviewDecisions.RequestChanges);
            Assert.Equal(DisclosureStatus.ChangesRequested, this.harness.Status);
            this.harness.Revise();
        }

        Assert.Equal(11, this.harness.Stored.Revision);

        // Act
        this.harness.Answer(ReviewSteps.Security, ReviewDecisions.RequestChanges);

        // Assert
        Assert.Equal(DisclosureStatus.Rejected, this.harness.Result.Status);
        Assert.Equal(11, this.harness.Result.Revision);
    }

    [Fact]
    public void A_blocking_finding_counts_towards_the_revision_limit()
    {
        // Arrange: every revision is blocked.
        for (int r = 1; r <= 11; r++)
        {
            this.harness.BlockedRevisions.Add(r);
        }

        this.harness.Start();

        // Act
        for (int i = 1; i <= DisclosureLimits.MaxChangeRequests; i++)
        {
            this.harness.Revise();
        }

        // Assert
        Assert.Equal(DisclosureStatus.Rejected, this.harness.Result.Status);
        Assert.Empty(this.harness.CallsTo(nameof(OpenReviewStepActivity)));
    }

    [Fact]
    public void A_reminder_goes_before_the_step_is_due_and_staff_are_told_once_it_is_overdue_while_the_step_still_waits()
    {
        // Arrange
        this.harness.Start();

        // Act
        this.harness.FireAt(T0.AddDays(4));
        this.harness.FireAt(T0.AddDays(5));

        // Assert
        var notices = this.harness.CallsTo(nameof(StepNoticeActivity)).Select(c => Assert.IsType<StepNoticeRequest>(c.Input)).ToList();
        Assert.Equal([(NoticeKind.Reminder, T0.AddDays(4)), (NoticeKind.Escalation, T0.AddDays(5))], notices.Select(n => (n.Kind, n.At)));
        Assert.All(notices, n => Assert.Equal((ReviewSteps.Security, T0.AddDays(5)), (n.Step, n.Due)));
        Assert.False(this.harness.IsCompleted);
        Assert.Equal(DisclosureStatus.SecurityReview, this.harness.Status);

        // Act: the reviewer answers late; the step takes it.
        this.harness.Now = T0.AddDays(9);
        this.harness.Answer(ReviewSteps.Security, ReviewDecisions.Approve);

        // Assert
        Assert.Equal(DisclosureStatus.HumanRightsReview, this.harness.Status);
    }

    [Fact]
    public void A_request_may_shorten_the_due_times()
    {
        // Arrange
        var due = new StepDurations(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(3));

        // Act
        this.harness.Start(DisclosureHarness.DefaultInput() with { Due = due });
        this.harness.Answer(ReviewSteps.Security, ReviewDecisions.Approve);

        // Assert
        OpenStepRequest open = Assert.IsType<OpenStepRequest>(this.harness.CallsTo(nameof(OpenReviewStepActivity))[^1].Input);
        Assert.Equal((ReviewSteps.HumanRights, T0.AddMinutes(2)), (open.Step, open.Due));
        Assert.Equal([T0.AddSeconds(96), T0.AddMinutes(2)], this.harness.PendingTimers.Select(t => t.FireAt).Order());
    }

    [Fact]
    public void An_answer_whose_event_was_lost_is_acted_on_when_the_reminder_finds_it_stored()
    {
        // Arrange
        this.harness.Start();
        this.harness.Store(ReviewSteps.Security, ReviewDecisions.Approve);

        // Act
        this.harness.FireAt(T0.AddDays(4));

        // Assert
        Assert.Equal(DisclosureStatus.HumanRightsReview, this.harness.Status);
        Assert.Single(this.harness.CallsTo(nameof(ConcludeStepActivity)));
    }

    [Fact]
    public void A_duplicate_event_for_a_concluded_step_changes_nothing()
    {
        // Arrange
        this.harness.Start();
        this.harness.Answer(ReviewSteps.Security, ReviewDecisions.Approve);
        int before = this.harness.Activities.Count;

        // Act
        this.harness.RaiseReview(new ReviewEvent(ReviewSteps.Security, 1, ReviewDecisions.Approve));

        // Assert
        Assert.Equal(before, this.harness.Activities.Count);
        Assert.Equal(DisclosureStatus.HumanRightsReview, this.harness.Status);
        Assert.False(this.harness.IsCompleted);
    }

    [Fact]
    public void An_out_of_step_event_changes_nothing()
    {
        // Arrange
        this.harness.Start();

        // Act
        this.harness.RaiseReview(new ReviewEvent(ReviewSteps.Final, 1, ReviewDecisions.Approve));
        this.harness.RaiseReview(new ReviewEvent(ReviewSteps.Security, 7, ReviewDecisions.Reject));

        // Assert
        Assert.Empty(this.harness.CallsTo(nameof(ConcludeStepActivity)));
        Assert.Equal(DisclosureStatus.SecurityReview, this.harness.Status);
        Assert.False(this.harness.IsCompleted);
    }

    [Fact]
    public void An_event_with_no_answer_stored_is_checked_against_storage_and_the_step_keeps_waiting()
    {
        // Arrange
        this.harness.Start();

        // Act
        this.harness.RaiseReview(new ReviewEvent(ReviewSteps.Security, 1, ReviewDecisions.Reject));

        // Assert
        Assert.Single(this.harness.CallsTo(nameof(ConcludeStepActivity)));
        Assert.Equal(DisclosureStatus.SecurityReview, this.harness.Status);
        Assert.False(this.harness.IsCompleted);

        // Act: the real answer still counts.
        this.harness.Answer(ReviewSteps.Security, ReviewDecisions.Approve);

        // Assert
        Assert.Equal(DisclosureStatus.HumanRightsReview, this.harness.Status);
    }

    [Fact]
    public void An_embargo_holds_publication_until_its_time()
    {
        // Arrange
        DateTime embargo = T0.AddDays(30);
        this.harness.Start(DisclosureHarness.DefaultInput(embargo));

        // Act
        this.harness.ApproveThroughFinal();

        // Assert
        Assert.Equal(DisclosureStatus.Embargoed, this.harness.Status);
        Assert.Empty(this.harness.CallsTo(nameof(PublishDisclosureActivity)));
        Assert.False(this.harness.IsCompleted);

        // Act
        this.harness.FireAt(embargo);

        // Assert
        PublicationRequest publish = Assert.IsType<PublicationRequest>(Assert.Single(this.harness.CallsTo(nameof(PublishDisclosureActivity))).Input);
        Assert.Equal(embargo, publish.At);
        Assert.Equal(DisclosureStatus.Published, this.harness.Result.Status);
    }

    [Fact]
    public void An_embargo_that_has_passed_by_final_approval_publishes_at_once()
    {
        // Arrange
        this.harness.Start(DisclosureHarness.DefaultInput(T0.AddDays(1)));

        // Act
        this.harness.ApproveThroughFinal();

        // Assert
        Assert.Equal(DisclosureStatus.Published, this.harness.Result.Status);
    }

    [Fact]
    public void Withdrawal_during_the_embargo_prevents_publication()
    {
        // Arrange
        DateTime embargo = T0.AddDays(30);
        this.harness.Start(DisclosureHarness.DefaultInput(embargo));
        this.harness.ApproveThroughFinal();

        // Act
        this.harness.Withdraw();

        // Assert
        Assert.Equal(DisclosureStatus.Withdrawn, this.harness.Result.Status);
        Assert.Empty(this.harness.CallsTo(nameof(PublishDisclosureActivity)));
        Assert.Empty(this.harness.PendingTimers);
        Assert.Equal(nameof(SettleDisclosureActivity), this.harness.ActivityNames[^1]);
    }

    [Theory]
    [InlineData("security review")]
    [InlineData("human-rights review")]
    [InlineData("changes requested")]
    [InlineData("comment period")]
    [InlineData("final approval")]
    public void Withdrawal_at_any_step_before_publication_ends_it(string step)
    {
        // Arrange
        this.harness.Start();
        switch (step)
        {
            case "human-rights review":
                this.harness.Answer(ReviewSteps.Security, ReviewDecisions.Approve);
                break;
            case "changes requested":
                this.harness.Answer(ReviewSteps.Security, ReviewDecisions.RequestChanges);
                break;
            case "comment period":
                this.harness.Answer(ReviewSteps.Security, ReviewDecisions.Approve);
                this.harness.Answer(ReviewSteps.HumanRights, ReviewDecisions.Approve);
                break;
            case "final approval":
                this.harness.Answer(ReviewSteps.Security, ReviewDecisions.Approve);
                this.harness.Answer(ReviewSteps.HumanRights, ReviewDecisions.Approve);
                this.harness.FireAt(T0.AddDays(14));
                break;
        }

        // Act
        this.harness.Withdraw();

        // Assert
        Assert.Equal(DisclosureStatus.Withdrawn, this.harness.Result.Status);
        Assert.Empty(this.harness.PendingTimers);
        Assert.Empty(this.harness.CallsTo(nameof(PublishDisclosureActivity)));
    }

    [Fact]
    public void A_withdrawal_whose_event_was_lost_is_found_when_the_embargo_ends()
    {
        // Arrange
        DateTime embargo = T0.AddDays(30);
        this.harness.Start(DisclosureHarness.DefaultInput(embargo));
        this.harness.ApproveThroughFinal();
        this.harness.Stored.Status = nameof(DisclosureStatus.Withdrawn);

        // Act
        this.harness.FireAt(embargo);

        // Assert: publication found it withdrawn and published nothing.
        Assert.Equal(DisclosureStatus.Withdrawn, this.harness.Result.Status);
        Assert.Null(this.harness.Result.PublicPath);
    }

    [Fact]
    public void A_step_that_fails_for_good_is_marked_with_its_name_and_the_reason()
    {
        // Arrange
        this.harness.Failing[nameof(OpenReviewStepActivity)] = 1;

        // Act
        this.harness.Start();

        // Assert
        DisclosureResult result = this.harness.Result;
        DisclosureFailure failure = Assert.IsType<DisclosureFailure>(Assert.Single(this.harness.CallsTo(nameof(MarkDisclosureFailedActivity))).Input);
        Assert.Equal(nameof(OpenReviewStepActivity), failure.Step);
        Assert.Contains("failed for good", failure.Reason, StringComparison.Ordinal);
        Assert.Contains(nameof(OpenReviewStepActivity), result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_publication_is_marked_as_the_publication_step()
    {
        // Arrange
        this.harness.Failing[nameof(PublishDisclosureActivity)] = 1;
        this.harness.Start();

        // Act
        this.harness.ApproveThroughFinal();

        // Assert
        DisclosureFailure failure = Assert.IsType<DisclosureFailure>(Assert.Single(this.harness.CallsTo(nameof(MarkDisclosureFailedActivity))).Input);
        Assert.Equal(nameof(PublishDisclosureActivity), failure.Step);
    }

    [Fact]
    public void An_embargo_timer_delivered_early_is_followed_by_another_so_nothing_is_published_before_its_time()
    {
        // Arrange
        DateTime embargo = T0.AddDays(30);
        this.harness.Start(DisclosureHarness.DefaultInput(embargo));
        this.harness.ApproveThroughFinal();
        TimerCall first = this.harness.PendingTimerAt(embargo);

        // Act: the timer fires while the orchestration's clock still reads a moment before the embargo.
        this.harness.FireEarly(first, embargo.AddMilliseconds(-800));

        // Assert
        Assert.Empty(this.harness.CallsTo(nameof(PublishDisclosureActivity)));
        TimerCall second = this.harness.PendingTimerAt(embargo);
        Assert.NotSame(first, second);

        // Act
        this.harness.Fire(second);

        // Assert
        PublicationRequest publish = Assert.IsType<PublicationRequest>(Assert.Single(this.harness.CallsTo(nameof(PublishDisclosureActivity))).Input);
        Assert.True(publish.At >= embargo);
    }
}
