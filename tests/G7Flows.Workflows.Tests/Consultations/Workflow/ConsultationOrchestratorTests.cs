using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Consultations.Workflow;
using G7Flows.Workflows.Platform.Durable;
using G7Flows.Workflows.Tests.Builders;

namespace G7Flows.Workflows.Tests.Consultations.Workflow;

public sealed class ConsultationOrchestratorTests
{
    private static readonly DateTime Deadline = ConsultationInputBuilder.Opened.AddDays(7);

    private readonly OrchestrationHarness harness = new();

    [Fact]
    public void Opens_the_consultation_then_waits_for_the_deadline()
    {
        // Arrange
        ConsultationInput input = new ConsultationInputBuilder().Build();

        // Act
        this.harness.Start(input);

        // Assert
        Assert.False(this.harness.IsCompleted);
        ActivityCall open = Assert.Single(this.harness.Activities);
        Assert.Equal(nameof(OpenConsultationActivity), open.Name);
        Assert.Same(input, open.Input);
        TimerCall deadline = Assert.Single(this.harness.PendingTimers);
        Assert.Equal(Deadline, deadline.FireAt);
    }

    [Fact]
    public void Unanimity_closes_early_on_the_first_objection()
    {
        // Arrange
        this.harness.Start(new ConsultationInputBuilder().WithRule(DecisionRule.Unanimity).WithParticipants("FR", "DE", "GB").Build());
        this.harness.Respond("FR", Position.Approve);
        Assert.False(this.harness.IsCompleted);
        this.harness.Now = ConsultationInputBuilder.Opened.AddHours(30);

        // Act
        this.harness.Respond("DE", Position.Object);

        // Assert
        ConsultationResult result = this.harness.Result;
        Assert.Equal(ConsultationStatus.Rejected, result.Status);
        Assert.Contains("DE", result.Reason, StringComparison.Ordinal);
        Assert.Equal(ConsultationInputBuilder.Opened.AddHours(30), result.ClosedAt);
        Assert.Equal([new CountedResponse("DE", Position.Object), new CountedResponse("FR", Position.Approve)], result.Counted);
    }

    [Fact]
    public void Answers_stored_before_the_orchestration_started_are_counted_when_it_opens()
    {
        // Arrange: France answered before the engine ran the orchestration; its event may have been discarded.
        this.harness.StoredResponses.Add(new ResponseEvent("FR", Position.Approve, "reviewer.fr", ConsultationInputBuilder.Opened));

        // Act
        this.harness.Start(new ConsultationInputBuilder().WithRule(DecisionRule.Unanimity).WithParticipants("FR", "DE").Build());
        this.harness.Respond("DE", Position.Approve);

        // Assert
        Assert.Equal(ConsultationStatus.Adopted, this.harness.Result.Status);
        Assert.Equal([new CountedResponse("DE", Position.Approve), new CountedResponse("FR", Position.Approve)], this.harness.Result.Counted);
    }

    [Fact]
    public void An_early_close_counts_every_answer_stored_before_it_even_if_its_event_has_not_arrived()
    {
        // Arrange: Britain's and France's answers are stored (they got 202), their events still on their way, when
        // Germany's objection closes the consultation.
        this.harness.Start(new ConsultationInputBuilder().WithRule(DecisionRule.Unanimity).WithParticipants("FR", "DE", "GB").Build());
        this.harness.Now = ConsultationInputBuilder.Opened.AddHours(2);
        this.harness.StoredResponses.Add(new ResponseEvent("GB", Position.Approve, "reviewer.gb", ConsultationInputBuilder.Opened.AddHours(1)));
        this.harness.StoredResponses.Add(new ResponseEvent("FR", Position.Approve, "reviewer.fr", ConsultationInputBuilder.Opened.AddHours(2)));

        // Act
        this.harness.Respond("DE", Position.Object);

        // Assert: every answer that was accepted is counted.
        Assert.Equal(ConsultationStatus.Rejected, this.harness.Result.Status);
        Assert.Equal(
            [new CountedResponse("DE", Position.Object), new CountedResponse("FR", Position.Approve), new CountedResponse("GB", Position.Approve)],
            this.harness.Result.Counted);
    }

    [Fact]
    public void Closing_records_the_outcome_then_publishes_the_record_and_returns_both()
    {
        // Arrange
        ConsultationInput input = new ConsultationInputBuilder().WithId("c-close").WithRule(DecisionRule.Unanimity).WithParticipants("FR", "DE").Build();
        this.harness.Start(input);
        this.harness.Respond("FR", Position.Approve);
        this.harness.Now = ConsultationInputBuilder.Opened.AddDays(2);

        // Act
        this.harness.Respond("DE", Position.Abstain);

        // Assert
        ConsultationResult result = this.harness.Result;
        CloseRequest close = this.harness.CloseRequest;
        Assert.Equal(
            new[] { nameof(OpenConsultationActivity), nameof(CloseConsultationActivity), nameof(PublishRecordActivity) },
            this.harness.Activities.Select(a => a.Name));
        Assert.Equal("c-close", close.ConsultationId);
        Assert.Equal(CloseTrigger.Rule, close.Trigger);
        Assert.Equal(ConsultationStatus.Adopted, result.Status);
        Assert.Equal("rule", close.ClosedBy);
        Assert.Equal(ConsultationInputBuilder.Opened.AddDays(2), close.ClosedAt);
        Assert.Equal([new CountedResponse("DE", Position.Abstain), new CountedResponse("FR", Position.Approve)], result.Counted);
        Assert.Equal("c-close", Assert.Single(this.harness.CallsTo(nameof(PublishRecordActivity))).Input);
        Assert.Equal("c-close", result.ConsultationId);
        Assert.Equal(close.ClosedAt, result.ClosedAt);
        Assert.Equal(OrchestrationHarness.RecordBlobFor("c-close"), result.RecordBlob);
    }

    [Fact]
    public void Closing_cancels_the_deadline_timer_and_the_pending_reminder()
    {
        // Arrange
        this.harness.Start(new ConsultationInputBuilder().WithParticipants("FR", "DE").WithReminders(TimeSpan.FromDays(1)).Build());
        TimerCall deadline = this.harness.PendingTimerAt(Deadline);
        TimerCall reminder = this.harness.PendingTimerAt(Deadline.AddDays(-1));

        // Act
        this.harness.Respond("FR", Position.Object);

        // Assert
        Assert.True(this.harness.IsCompleted);
        Assert.True(deadline.Token.IsCancellationRequested);
        Assert.True(reminder.Token.IsCancellationRequested);
    }

    [Fact]
    public void Unanimity_closes_as_adopted_once_everyone_approved_or_abstained()
    {
        // Arrange
        this.harness.Start(new ConsultationInputBuilder().WithRule(DecisionRule.Unanimity).WithParticipants("FR", "DE", "GB").Build());
        this.harness.Respond("FR", Position.Approve);
        this.harness.Respond("DE", Position.Abstain);
        Assert.False(this.harness.IsCompleted);

        // Act
        this.harness.Respond("GB", Position.Approve);

        // Assert
        Assert.Equal(ConsultationStatus.Adopted, this.harness.Result.Status);
        Assert.Equal(3, this.harness.Result.Counted.Count);
    }

    [Fact]
    public void Silence_closes_early_when_an_objection_breaks_it()
    {
        // Arrange
        this.harness.Start(new ConsultationInputBuilder().WithRule(DecisionRule.Silence).WithParticipants("FR", "DE", "GB", "IT").Build());

        // Act
        this.harness.Respond("DE", Position.Object);

        // Assert
        Assert.Equal(ConsultationStatus.Rejected, this.harness.Result.Status);
        Assert.Contains("DE", this.harness.Result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Silence_closes_early_when_everyone_answered_without_objection()
    {
        // Arrange
        this.harness.Start(new ConsultationInputBuilder().WithRule(DecisionRule.Silence).WithParticipants("FR", "DE").Build());
        this.harness.Respond("FR", Position.Abstain);

        // Act
        this.harness.Respond("DE", Position.Approve);

        // Assert
        Assert.Equal(ConsultationStatus.Adopted, this.harness.Result.Status);
    }

    [Fact]
    public void Qualified_majority_closes_as_adopted_as_soon_as_the_threshold_is_reached()
    {
        // Arrange: two thirds of six is four approvals
        this.harness.Start(new ConsultationInputBuilder()
            .WithRule(DecisionRule.QualifiedMajority)
            .WithParticipants("CA", "FR", "DE", "IT", "JP", "GB")
            .Build());
        this.harness.Respond("CA", Position.Approve);
        this.harness.Respond("FR", Position.Approve);
        this.harness.Respond("DE", Position.Object);
        this.harness.Respond("IT", Position.Approve);
        Assert.False(this.harness.IsCompleted);

        // Act
        this.harness.Respond("JP", Position.Approve);

        // Assert
        Assert.Equal(ConsultationStatus.Adopted, this.harness.Result.Status);
        Assert.DoesNotContain(this.harness.Result.Counted, c => c.Nation == "GB");
    }

    [Fact]
    public void Qualified_majority_closes_as_rejected_as_soon_as_the_threshold_is_out_of_reach()
    {
        // Arrange: 55% of seven is four approvals; after three refusals only four nations are left
        this.harness.Start(new ConsultationInputBuilder()
            .WithRule(DecisionRule.QualifiedMajority, 0.55)
            .WithParticipants("CA", "FR", "DE", "IT", "JP", "GB", "US")
            .Build());
        this.harness.Respond("CA", Position.Object);
        this.harness.Respond("FR", Position.Abstain);
        this.harness.Respond("DE", Position.Object);
        Assert.False(this.harness.IsCompleted);

        // Act
        this.harness.Respond("IT", Position.Abstain);

        // Assert
        Assert.Equal(ConsultationStatus.Rejected, this.harness.Result.Status);
    }

    [Theory]
    [InlineData(DecisionRule.Unanimity, "FR:approve DE:approve", ConsultationStatus.Expired)]
    [InlineData(DecisionRule.Silence, "FR:approve", ConsultationStatus.Adopted)]
    [InlineData(DecisionRule.Silence, "", ConsultationStatus.Adopted)]
    [InlineData(DecisionRule.QualifiedMajority, "FR:approve GB:abstain", ConsultationStatus.Rejected)]
    public void At_the_deadline_the_rule_decides_from_what_was_answered(DecisionRule rule, string answered, ConsultationStatus expected)
    {
        // Arrange
        this.harness.Start(new ConsultationInputBuilder().WithRule(rule).WithParticipants("FR", "DE", "GB").Build());
        foreach ((string nation, Position position) in Tally.Positions(answered))
        {
            this.harness.Respond(nation, position);
        }

        Assert.False(this.harness.IsCompleted);

        // Act
        this.harness.Fire(this.harness.PendingTimerAt(Deadline));

        // Assert
        Assert.Equal(expected, this.harness.Result.Status);
        Assert.Equal(Deadline, this.harness.Result.ClosedAt);
        Assert.Equal(expected, this.harness.Result.Status);
        Assert.Single(this.harness.CallsTo(nameof(PublishRecordActivity)));
    }

    [Fact]
    public void Reminders_go_to_the_nations_that_have_not_answered_at_each_point_before_the_deadline()
    {
        // Arrange: offsets given in any order are sent earliest first
        this.harness.Start(new ConsultationInputBuilder()
            .WithTitle("Exercise Steadfast")
            .WithParticipants("FR", "DE", "GB")
            .WithReminders(TimeSpan.FromHours(6), TimeSpan.FromDays(2))
            .Build());
        TimerCall first = this.harness.PendingTimerAt(Deadline.AddDays(-2));
        this.harness.Respond("FR", Position.Approve);

        // Act
        this.harness.Fire(first);
        TimerCall second = this.harness.PendingTimerAt(Deadline.AddHours(-6));
        this.harness.Respond("GB", Position.Abstain);
        this.harness.Fire(second);

        // Assert
        ReminderRequest[] sent = [.. this.harness.CallsTo(nameof(SendRemindersActivity)).Select(a => Assert.IsType<ReminderRequest>(a.Input))];
        Assert.Equal(2, sent.Length);
        Assert.Equal(new ReminderRequest("c-atlantic-shield", "Exercise Steadfast", Deadline, 1, sent[0].Nations, Deadline.AddDays(-2)), sent[0]);
        Assert.Equal(["DE", "GB"], sent[0].Nations);
        Assert.Equal(2, sent[1].ReminderNumber);
        Assert.Equal(Deadline.AddHours(-6), sent[1].SentAt);
        Assert.Equal(["DE"], sent[1].Nations);
        Assert.False(this.harness.IsCompleted);
        Assert.Equal([Deadline], this.harness.PendingTimers.Select(t => t.FireAt));
    }

    [Fact]
    public void A_reminder_whose_time_has_already_passed_is_skipped()
    {
        // Arrange: the consultation opens 36 hours before its deadline; the two-day reminder is already past
        DateTime deadline = ConsultationInputBuilder.Opened.AddHours(36);
        this.harness.Start(new ConsultationInputBuilder()
            .WithParticipants("FR", "DE")
            .WithDeadline(deadline)
            .WithReminders(TimeSpan.FromDays(2), TimeSpan.FromDays(1))
            .Build());

        // Act
        TimerCall reminder = this.harness.PendingTimerAt(deadline.AddDays(-1));
        this.harness.Fire(reminder);

        // Assert
        Assert.DoesNotContain(this.harness.Timers, t => t.FireAt == deadline.AddDays(-2));
        ReminderRequest sent = Assert.IsType<ReminderRequest>(Assert.Single(this.harness.CallsTo(nameof(SendRemindersActivity))).Input);
        Assert.Equal(["FR", "DE"], sent.Nations);
        Assert.Equal(deadline.AddDays(-1), sent.SentAt);
    }

    [Fact]
    public void A_reminder_point_that_passed_while_the_first_reminder_was_delayed_is_skipped()
    {
        // Arrange
        this.harness.Start(new ConsultationInputBuilder()
            .WithParticipants("FR", "DE")
            .WithReminders(TimeSpan.FromDays(2), TimeSpan.FromDays(1))
            .Build());
        TimerCall first = this.harness.PendingTimerAt(Deadline.AddDays(-2));
        this.harness.Now = Deadline.AddHours(-12);

        // Act: the first reminder fires late, after the second point has passed
        this.harness.Fire(first);

        // Assert
        Assert.Single(this.harness.CallsTo(nameof(SendRemindersActivity)));
        Assert.DoesNotContain(this.harness.Timers, t => t.FireAt == Deadline.AddDays(-1));
        Assert.Equal([Deadline], this.harness.PendingTimers.Select(t => t.FireAt));
    }

    [Fact]
    public void Version_2_reminds_the_silent_nations_an_hour_before_the_deadline_when_the_request_gave_no_reminders()
    {
        // Arrange
        this.harness.Version = "2";
        this.harness.Start(new ConsultationInputBuilder().WithParticipants("FR", "DE").Build());
        this.harness.Respond("FR", Position.Approve);

        // Act
        TimerCall reminder = this.harness.PendingTimerAt(Deadline - ConsultationOrchestrator.FinalReminder);
        this.harness.Fire(reminder);

        // Assert
        ReminderRequest sent = Assert.IsType<ReminderRequest>(Assert.Single(this.harness.CallsTo(nameof(SendRemindersActivity))).Input);
        Assert.Equal(1, sent.ReminderNumber);
        Assert.Equal(["DE"], sent.Nations);
        Assert.Equal(Deadline.AddHours(-1), sent.SentAt);
        Assert.Equal([Deadline], this.harness.PendingTimers.Select(t => t.FireAt));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    public void Version_1_and_unversioned_instances_send_no_reminder_when_the_request_gave_none(string version)
    {
        // Arrange
        this.harness.Version = version;

        // Act
        this.harness.Start(new ConsultationInputBuilder().WithParticipants("FR", "DE").Build());
        this.harness.Respond("FR", Position.Approve);

        // Assert: the deadline is the only timer, so no reminder will ever be sent
        Assert.Equal([Deadline], this.harness.Timers.Select(t => t.FireAt));
        Assert.False(this.harness.IsCompleted);
    }

    [Fact]
    public void Version_2_keeps_the_reminders_the_request_asked_for()
    {
        // Arrange
        this.harness.Version = "2";

        // Act
        this.harness.Start(new ConsultationInputBuilder().WithParticipants("FR", "DE").WithReminders(TimeSpan.FromDays(1)).Build());

        // Assert
        Assert.Equal([Deadline, Deadline.AddDays(-1)], this.harness.PendingTimers.Select(t => t.FireAt));
    }

    [Fact]
    public void Staff_withdraw_the_consultation()
    {
        // Arrange
        this.harness.Start(new ConsultationInputBuilder().WithParticipants("FR", "DE", "GB").WithReminders(TimeSpan.FromDays(1)).Build());
        this.harness.Respond("FR", Position.Approve);
        TimerCall deadline = this.harness.PendingTimerAt(Deadline);
        TimerCall reminder = this.harness.PendingTimerAt(Deadline.AddDays(-1));
        this.harness.Now = ConsultationInputBuilder.Opened.AddDays(1);

        // Act
        this.harness.Withdraw("Superseded by the revised proposal", "staff-alice");

        // Assert
        ConsultationResult result = this.harness.Result;
        CloseRequest close = this.harness.CloseRequest;
        Assert.Equal(ConsultationStatus.Withdrawn, result.Status);
        Assert.Equal(CloseTrigger.Withdrawal, close.Trigger);
        Assert.Equal("staff-alice", close.ClosedBy);
        Assert.Contains("Superseded by the revised proposal", result.Reason, StringComparison.Ordinal);
        Assert.Equal(ConsultationInputBuilder.Opened.AddDays(1), close.ClosedAt);
        Assert.Equal([new CountedResponse("FR", Position.Approve)], result.Counted);
        Assert.Single(this.harness.CallsTo(nameof(PublishRecordActivity)));
        Assert.True(deadline.Token.IsCancellationRequested);
        Assert.True(reminder.Token.IsCancellationRequested);
    }

    [Fact]
    public void An_extension_moves_the_deadline_timer_and_is_stored()
    {
        // Arrange
        this.harness.Start(new ConsultationInputBuilder().WithParticipants("FR", "DE").Build());
        TimerCall original = this.harness.PendingTimerAt(Deadline);
        this.harness.Now = ConsultationInputBuilder.Opened.AddDays(3);

        // Act
        this.harness.Extend(Deadline.AddDays(2), "staff-bob");

        // Assert
        DateTime extended = Deadline.AddDays(2);
        ExtensionRequest stored = Assert.IsType<ExtensionRequest>(Assert.Single(this.harness.CallsTo(nameof(ApplyExtensionActivity))).Input);
        Assert.Equal(new ExtensionRequest("c-atlantic-shield", Deadline, extended, "staff-bob", ConsultationInputBuilder.Opened.AddDays(3)), stored);
        Assert.True(original.Token.IsCancellationRequested);
        Assert.Equal([extended], this.harness.PendingTimers.Select(t => t.FireAt));
        Assert.False(this.harness.IsCompleted);
    }

    [Fact]
    public void After_an_extension_the_consultation_closes_at_the_new_deadline()
    {
        // Arrange
        this.harness.Start(new ConsultationInputBuilder().WithRule(DecisionRule.Silence).WithParticipants("FR", "DE").Build());
        this.harness.Extend(Deadline.AddDays(2), "staff-bob");
        this.harness.Extend(Deadline.AddDays(2).AddHours(12), "staff-carol");
        DateTime extended = Deadline.AddDays(2).AddHours(12);

        // Act
        this.harness.Fire(this.harness.PendingTimerAt(extended));

        // Assert
        Assert.Equal(ConsultationStatus.Adopted, this.harness.Result.Status);
        Assert.Equal(extended, this.harness.Result.ClosedAt);
        ExtensionRequest second = Assert.IsType<ExtensionRequest>(this.harness.CallsTo(nameof(ApplyExtensionActivity))[1].Input);
        Assert.Equal(Deadline.AddDays(2), second.PreviousDeadline);
        Assert.Equal(extended, second.NewDeadline);
    }

    [Fact]
    public void An_extension_plans_the_reminders_again_for_the_new_deadline()
    {
        // Arrange
        this.harness.Start(new ConsultationInputBuilder().WithParticipants("FR", "DE").WithReminders(TimeSpan.FromDays(1)).Build());
        TimerCall oldReminder = this.harness.PendingTimerAt(Deadline.AddDays(-1));
        this.harness.Now = ConsultationInputBuilder.Opened.AddDays(2);

        // Act
        this.harness.Extend(Deadline.AddDays(3), "staff-bob");

        // Assert
        Assert.True(oldReminder.Token.IsCancellationRequested);
        TimerCall newReminder = this.harness.PendingTimerAt(Deadline.AddDays(2));
        this.harness.Fire(newReminder);
        ReminderRequest sent = Assert.IsType<ReminderRequest>(Assert.Single(this.harness.CallsTo(nameof(SendRemindersActivity))).Input);
        Assert.Equal(Deadline.AddDays(3), sent.Deadline);
    }

    [Fact]
    public void A_response_stored_before_the_deadline_whose_event_had_not_arrived_is_counted()
    {
        // Arrange
        this.harness.Start(new ConsultationInputBuilder().WithRule(DecisionRule.Unanimity).WithParticipants("FR", "DE", "GB").Build());
        this.harness.Respond("FR", Position.Approve);
        this.harness.StoredResponses.AddRange(
        [
            new ResponseEvent("FR", Position.Approve, "reviewer-fr", ConsultationInputBuilder.Opened.AddHours(1)),
            new ResponseEvent("DE", Position.Approve, "reviewer-de", Deadline.AddMinutes(-1)),
            new ResponseEvent("GB", Position.Abstain, "reviewer-gb", Deadline),
        ]);

        // Act
        this.harness.Fire(this.harness.PendingTimerAt(Deadline));

        // Assert
        Assert.Equal(ConsultationStatus.Adopted, this.harness.Result.Status);
        Assert.Equal(
            [new CountedResponse("DE", Position.Approve), new CountedResponse("FR", Position.Approve), new CountedResponse("GB", Position.Abstain)],
            this.harness.Result.Counted);
    }

    [Fact]
    public void A_deadline_timer_that_finds_a_later_stored_deadline_waits_for_it()
    {
        // Arrange: staff extended (stored) but the Extend event was lost; the old timer fires.
        this.harness.Start(new ConsultationInputBuilder().WithRule(DecisionRule.Unanimity).WithParticipants("FR", "DE").Build());
        this.harness.Respond("FR", Position.Approve);
        this.harness.StoredDeadline = Deadline.AddDays(1);

        // Act
        this.harness.Fire(this.harness.PendingTimerAt(Deadline));

        // Assert: not closed; a timer for the stored deadline; the copies of the deadline brought along.
        Assert.False(this.harness.IsCompleted);
        Assert.Equal([Deadline.AddDays(1)], this.harness.PendingTimers.Select(t => t.FireAt));
        Assert.Equal(Deadline.AddDays(1), Assert.IsType<ExtensionRequest>(Assert.Single(this.harness.CallsTo(nameof(ApplyExtensionActivity))).Input).NewDeadline);
        this.harness.Respond("DE", Position.Approve);
        Assert.Equal(ConsultationStatus.Adopted, this.harness.Result.Status);
    }

    [Fact]
    public void Every_activity_call_carries_the_shared_retry_policy()
    {
        // Arrange
        this.harness.Start(new ConsultationInputBuilder().WithRule(DecisionRule.Unanimity).WithParticipants("FR", "DE").WithReminders(TimeSpan.FromDays(1)).Build());
        this.harness.Extend(Deadline.AddDays(1), "staff-bob");
        this.harness.Fire(this.harness.PendingTimerAt(Deadline));

        // Act
        this.harness.Fire(this.harness.PendingTimerAt(Deadline.AddDays(1)));

        // Assert
        Assert.Equal(
            [nameof(OpenConsultationActivity), nameof(ApplyExtensionActivity), nameof(SendRemindersActivity), nameof(CloseConsultationActivity), nameof(PublishRecordActivity)],
            this.harness.Activities.Select(a => a.Name));
        Assert.All(this.harness.Options, o => Assert.Same(RetryPolicies.ActivityOptions, o));
    }

    [Theory]
    [InlineData(nameof(OpenConsultationActivity))]
    [InlineData(nameof(CloseConsultationActivity))]
    [InlineData(nameof(PublishRecordActivity))]
    public void A_step_that_fails_for_good_marks_the_consultation_failed_with_the_reason(string activity)
    {
        // Arrange: the activity failed after all its retries.
        this.harness.Failing[activity] = 1;

        // Act
        this.harness.Start(new ConsultationInputBuilder().WithRule(DecisionRule.Unanimity).WithParticipants("FR", "DE").Build());
        if (!this.harness.IsCompleted)
        {
            this.harness.Respond("FR", Position.Object);
        }

        // Assert
        Assert.Equal(ConsultationStatus.Failed, this.harness.Result.Status);
        Assert.Contains(activity, this.harness.Result.Reason, StringComparison.Ordinal);
        FailureRequest failure = Assert.IsType<FailureRequest>(Assert.Single(this.harness.CallsTo(nameof(MarkFailedActivity))).Input);
        Assert.Equal(activity, failure.Step);
        Assert.Contains("failed for good", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void After_an_extension_a_response_stored_before_the_new_deadline_is_counted()
    {
        // Arrange
        this.harness.Start(new ConsultationInputBuilder().WithRule(DecisionRule.Unanimity).WithParticipants("FR", "DE").Build());
        this.harness.Respond("FR", Position.Approve);
        this.harness.Extend(Deadline.AddDays(1), "staff-bob");
        this.harness.StoredResponses.Add(new ResponseEvent("DE", Position.Approve, "reviewer-de", Deadline.AddHours(12)));

        // Act
        this.harness.Fire(this.harness.PendingTimerAt(Deadline.AddDays(1)));

        // Assert
        Assert.Equal(ConsultationStatus.Adopted, this.harness.Result.Status);
        Assert.Contains(new CountedResponse("DE", Position.Approve), this.harness.Result.Counted);
    }

    [Fact]
    public void The_same_response_delivered_twice_is_counted_once()
    {
        // Arrange
        this.harness.Start(new ConsultationInputBuilder().WithRule(DecisionRule.QualifiedMajority).WithParticipants("FR", "DE", "GB").Build());
        this.harness.Respond("FR", Position.Approve);

        // Act
        this.harness.Respond("FR", Position.Approve);

        // Assert: two thirds of three is two approvals; one nation's approval twice is still one
        Assert.False(this.harness.IsCompleted);
        this.harness.Fire(this.harness.PendingTimerAt(Deadline));
        Assert.Equal(ConsultationStatus.Rejected, this.harness.Result.Status);
        Assert.Equal([new CountedResponse("FR", Position.Approve)], this.harness.Result.Counted);
    }

    [Fact]
    public void A_second_response_from_the_same_nation_does_not_replace_the_first()
    {
        // Arrange
        this.harness.Start(new ConsultationInputBuilder().WithRule(DecisionRule.Unanimity).WithParticipants("FR", "DE").Build());
        this.harness.Respond("FR", Position.Approve);

        // Act
        this.harness.Respond("FR", Position.Object);

        // Assert
        Assert.False(this.harness.IsCompleted);
        this.harness.Respond("DE", Position.Approve);
        Assert.Equal(ConsultationStatus.Adopted, this.harness.Result.Status);
        Assert.Single(this.harness.Result.Counted, c => c.Nation == "FR");
        Assert.Contains(new CountedResponse("FR", Position.Approve), this.harness.Result.Counted);
    }

    [Fact]
    public void A_response_from_a_nation_that_does_not_take_part_is_ignored()
    {
        // Arrange
        this.harness.Start(new ConsultationInputBuilder().WithRule(DecisionRule.Unanimity).WithParticipants("FR", "DE").Build());

        // Act
        this.harness.Respond("JP", Position.Object);

        // Assert
        Assert.False(this.harness.IsCompleted);
        this.harness.Respond("FR", Position.Approve);
        this.harness.Respond("DE", Position.Approve);
        Assert.Equal(ConsultationStatus.Adopted, this.harness.Result.Status);
        Assert.DoesNotContain(this.harness.Result.Counted, c => c.Nation == "JP");
    }

    [Fact]
    public void With_decisive_events_the_orchestration_makes_no_opening_read_and_waits_for_the_deadline()
    {
        // Act
        this.harness.Start(new ConsultationInputBuilder().WithDecisiveEvents().Build());

        // Assert
        Assert.False(this.harness.IsCompleted);
        Assert.Empty(this.harness.Activities);
        Assert.Equal(Deadline, Assert.Single(this.harness.PendingTimers).FireAt);
    }

    [Fact]
    public void Answers_that_do_not_decide_raise_no_event_and_the_decisive_one_closes_with_every_stored_answer()
    {
        // Arrange
        this.harness.Start(new ConsultationInputBuilder().WithDecisiveEvents().WithRule(DecisionRule.Unanimity).WithParticipants("FR", "DE", "GB").Build());

        // Act
        bool first = this.harness.Answer("FR", Position.Approve);
        bool second = this.harness.Answer("GB", Position.Abstain);
        bool third = this.harness.Answer("DE", Position.Approve);

        // Assert: the orchestration heard one event, and the close counted all three stored answers.
        Assert.False(first);
        Assert.False(second);
        Assert.True(third);
        Assert.Equal(ConsultationStatus.Adopted, this.harness.Result.Status);
        Assert.Equal(
            [new CountedResponse("DE", Position.Approve), new CountedResponse("FR", Position.Approve), new CountedResponse("GB", Position.Abstain)],
            this.harness.Result.Counted);
        Assert.Equal(CloseTrigger.Rule, this.harness.CloseRequest.Trigger);
    }

    [Fact]
    public void A_close_that_published_the_record_ends_the_orchestration_without_a_publish_step()
    {
        // Arrange
        this.harness.ClosePublishes = true;
        this.harness.Start(new ConsultationInputBuilder().WithId("c-one-step").WithDecisiveEvents().WithRule(DecisionRule.Unanimity).WithParticipants("FR", "DE").Build());

        // Act
        this.harness.Answer("FR", Position.Object);

        // Assert
        Assert.Equal([nameof(CloseConsultationActivity)], this.harness.Activities.Select(a => a.Name));
        Assert.Equal(OrchestrationHarness.RecordBlobFor("c-one-step"), this.harness.Result.RecordBlob);
        Assert.Equal(ConsultationStatus.Rejected, this.harness.Result.Status);
    }

    [Fact]
    public void Silent_nations_are_reminded_from_what_is_stored_when_answers_raise_no_events()
    {
        // Arrange
        this.harness.Start(new ConsultationInputBuilder().WithDecisiveEvents().WithParticipants("FR", "DE", "GB").WithReminders(TimeSpan.FromDays(1)).Build());
        this.harness.Answer("FR", Position.Approve);

        // Act
        this.harness.Fire(this.harness.PendingTimerAt(Deadline.AddDays(-1)));

        // Assert: the orchestration asks for every nation it has not heard from; the activity leaves out stored answers.
        ReminderRequest reminder = Assert.IsType<ReminderRequest>(Assert.Single(this.harness.CallsTo(nameof(SendRemindersActivity))).Input);
        Assert.Equal(["FR", "DE", "GB"], reminder.Nations);
        Assert.False(this.harness.IsCompleted);
    }

    [Fact]
    public void At_the_deadline_answers_that_raised_no_event_decide()
    {
        // Arrange
        this.harness.Start(new ConsultationInputBuilder().WithDecisiveEvents().WithRule(DecisionRule.Silence).WithParticipants("FR", "DE", "GB").Build());
        this.harness.Answer("FR", Position.Approve);

        // Act
        this.harness.Fire(this.harness.PendingTimerAt(Deadline));

        // Assert
        Assert.Equal(ConsultationStatus.Adopted, this.harness.Result.Status);
        Assert.Equal([new CountedResponse("FR", Position.Approve)], this.harness.Result.Counted);
    }
}
