using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Platform.Durable;
using G7Flows.Workflows.Platform.Security;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace G7Flows.Workflows.Disclosures.Workflow;

/// <summary>
/// Runs one transparency disclosure: screening, the security and human-rights reviews, the public comment period,
/// final approval, the embargo and publication, with revisions sent back to the submitter and screened again (review
/// starts again at security). It owns time: each review step's due time, the reminder before it and the escalation to
/// staff after it, the comment period and the embargo. Answers, comments and withdrawals are decided in storage by the
/// HTTP layer under the disclosure row's ETag; their events only wake the orchestration, which acts on what is stored,
/// so a duplicate or out-of-step event changes nothing. Every activity call retries with back-off; a step that fails
/// for good is shown with the disclosure and staff are told.
/// </summary>
public sealed class DisclosureOrchestrator : TaskOrchestrator<DisclosureInput, DisclosureResult>
{
    /// <summary>Where in a step's time the reminder goes: after four fifths of it.</summary>
    public const double ReminderAt = 0.8;

    /// <inheritdoc/>
    public override async Task<DisclosureResult> RunAsync(TaskOrchestrationContext context, DisclosureInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var run = new Run(context, input);
        try
        {
            return await run.ExecuteAsync();
        }
        catch (TaskFailedException failure)
        {
            string reason = failure.FailureDetails.ErrorMessage;
            context.CreateReplaySafeLogger<DisclosureOrchestrator>()
                .LogError("Disclosure {DisclosureId} failed at {Step}: {Reason}", input.DisclosureId, run.Step, reason);
            DateTime failedAt = context.CurrentUtcDateTime;
            StepResult marked = await context.CallActivityAsync<StepResult>(
                nameof(MarkDisclosureFailedActivity), new DisclosureFailure(input.DisclosureId, run.Step, reason, failedAt), RetryPolicies.ActivityOptions);
            return new DisclosureResult(input.DisclosureId, marked.Status, marked.Revision, null, $"The workflow failed at {run.Step}: {reason}");
        }
    }

    /// <summary>
    /// Cancels a durable timer. Synchronously on purpose: <c>CancelAsync</c> would resume the orchestrator on a
    /// thread-pool thread, outside the single-threaded replay it must run in.
    /// </summary>
#pragma warning disable CA1849 // Call async methods when in an async method
    private static void CancelTimer(CancellationTokenSource? source) => source?.Cancel();
#pragma warning restore CA1849

    /// <summary>One run of the workflow: its position and the event waits it keeps across steps.</summary>
    private sealed class Run(TaskOrchestrationContext context, DisclosureInput input)
    {
        private readonly TaskOptions retry = RetryPolicies.ActivityOptions;
        private Task<ReviewEvent>? review;
        private Task<RevisionEvent>? revised;
        private Task<DisclosureWithdrawEvent>? withdraw;
        private int revision = input.Revision;

        /// <summary>The activity being run, for the failure report.</summary>
        public string Step { get; private set; } = nameof(ScreenRevisionActivity);

        private string Id => input.DisclosureId;

        private Task<ReviewEvent> Review => this.review ??= context.WaitForExternalEvent<ReviewEvent>(DisclosureEvents.Review);

        private Task<RevisionEvent> Revised => this.revised ??= context.WaitForExternalEvent<RevisionEvent>(DisclosureEvents.Revision);

        private Task<DisclosureWithdrawEvent> Withdraw => this.withdraw ??= context.WaitForExternalEvent<DisclosureWithdrawEvent>(DisclosureEvents.Withdraw);

        public async Task<DisclosureResult> ExecuteAsync()
        {
            while (true)
            {
                StepResult screened = await this.CallAsync<StepResult>(nameof(ScreenRevisionActivity), new ScreeningRequest(this.Id, this.revision, context.CurrentUtcDateTime));
                this.revision = screened.Revision;
                if (screened.Status == DisclosureStatus.ChangesRequested)
                {
                    if (await this.WaitForRevisionAsync())
                    {
                        continue;
                    }

                    return await this.EndAsync();
                }

                if (screened.Status != DisclosureStatus.SecurityReview)
                {
                    return await this.EndAsync();
                }

                StepOutcome security = await this.ReviewStepAsync(ReviewSteps.Security);
                if (security.Status == DisclosureStatus.ChangesRequested)
                {
                    if (await this.WaitForRevisionAsync())
                    {
                        continue;
                    }

                    return await this.EndAsync();
                }

                if (security.Status != DisclosureStatus.HumanRightsReview)
                {
                    return await this.EndAsync();
                }

                StepOutcome humanRights = await this.ReviewStepAsync(ReviewSteps.HumanRights);
                if (humanRights.Status == DisclosureStatus.ChangesRequested)
                {
                    if (await this.WaitForRevisionAsync())
                    {
                        continue;
                    }

                    return await this.EndAsync();
                }

                if (humanRights.Status != DisclosureStatus.PublicComment)
                {
                    return await this.EndAsync();
                }

                return await this.CommentApproveAndPublishAsync(this.ConcludedAt + input.CommentPeriod);
            }
        }

        /// <summary>When the last step was concluded (the comment period runs from the human-rights approval).</summary>
        private DateTime ConcludedAt { get; set; }

        private async Task<DisclosureResult> CommentApproveAndPublishAsync(DateTime commentPeriodEnds)
        {
            if (!await this.WaitUntilAsync(commentPeriodEnds))
            {
                return await this.EndAsync();
            }

            StepResult closed = await this.CallAsync<StepResult>(nameof(CloseCommentPeriodActivity), new CommentPeriodRequest(this.Id, context.CurrentUtcDateTime));
            if (closed.Status != DisclosureStatus.FinalApproval)
            {
                return await this.EndAsync();
            }

            StepOutcome final = await this.ReviewStepAsync(ReviewSteps.Final);
            if (final.Decision != ReviewDecisions.Approve || final.Status is not (DisclosureStatus.FinalApproval or DisclosureStatus.Embargoed))
            {
                return await this.EndAsync();
            }

            if (input.EmbargoUntil is { } until && until > context.CurrentUtcDateTime && !await this.WaitUntilAsync(until))
            {
                return await this.EndAsync();
            }

            PublicationResult published = await this.CallAsync<PublicationResult>(nameof(PublishDisclosureActivity), new PublicationRequest(this.Id, context.CurrentUtcDateTime));
            if (!published.Published)
            {
                return await this.EndAsync();
            }

            context.CreateReplaySafeLogger<DisclosureOrchestrator>().LogInformation("Disclosure {DisclosureId} published at {Path}", this.Id, published.PublicPath);
            return new DisclosureResult(this.Id, DisclosureStatus.Published, this.revision, published.PublicPath);
        }

        /// <summary>
        /// Opens <paramref name="step"/> and waits for its answer, reminding before it is due and escalating after; acts
        /// on the stored answer when its event comes (or a notice finds it stored), and stops at a withdrawal.
        /// </summary>
        private async Task<StepOutcome> ReviewStepAsync(string step)
        {
            DateTime opened = context.CurrentUtcDateTime;
            TimeSpan window = input.Due.For(step);
            DateTime due = opened + window;
            StepResult open = await this.CallAsync<StepResult>(nameof(OpenReviewStepActivity), new OpenStepRequest(this.Id, step, this.revision, opened, due));
            if (open.Status != DisclosureStatuses.OfStep(step))
            {
                return new StepOutcome(null, open.Status, open.Revision);
            }

            using var remindCts = new CancellationTokenSource();
            using var dueCts = new CancellationTokenSource();
            Task? remind = context.CreateTimer(opened + (window * ReminderAt), remindCts.Token);
            Task? overdue = context.CreateTimer(due, dueCts.Token);
            try
            {
                while (true)
                {
                    var waits = new List<Task> { this.Review, this.Withdraw };
                    if (remind is not null)
                    {
                        waits.Add(remind);
                    }

                    if (overdue is not null)
                    {
                        waits.Add(overdue);
                    }

                    Task winner = await Task.WhenAny(waits);
                    bool check;
                    if (winner == this.review)
                    {
                        ReviewEvent heard = await this.Review;
                        this.review = null;
                        check = heard.Step == step && heard.Revision == this.revision;
                    }
                    else if (winner == this.withdraw)
                    {
                        await this.Withdraw;
                        this.withdraw = null;
                        return new StepOutcome(null, DisclosureStatus.Withdrawn, this.revision);
                    }
                    else
                    {
                        bool reminder = winner == remind;
                        if (reminder)
                        {
                            remind = null;
                        }
                        else
                        {
                            overdue = null;
                        }

                        StepNoticeResult notice = await this.CallAsync<StepNoticeResult>(
                            nameof(StepNoticeActivity),
                            new StepNoticeRequest(this.Id, step, this.revision, reminder ? NoticeKind.Reminder : NoticeKind.Escalation, due, context.CurrentUtcDateTime));
                        if (!notice.Answered && notice.Status != DisclosureStatuses.OfStep(step))
                        {
                            return new StepOutcome(null, notice.Status, this.revision);
                        }

                        check = notice.Answered;
                    }

                    if (check)
                    {
                        this.ConcludedAt = context.CurrentUtcDateTime;
                        StepOutcome outcome = await this.CallAsync<StepOutcome>(
                            nameof(ConcludeStepActivity),
                            new ConcludeStepRequest(this.Id, step, this.revision, this.ConcludedAt, this.ConcludedAt + input.CommentPeriod, input.EmbargoUntil));
                        if (outcome.Decision is not null || outcome.Status != DisclosureStatuses.OfStep(step))
                        {
                            return outcome;
                        }
                    }
                }
            }
            finally
            {
                CancelTimer(remind is null ? null : remindCts);
                CancelTimer(overdue is null ? null : dueCts);
            }
        }

        /// <summary>Waits in <c>ChangesRequested</c> for the submitter's revision; false when staff withdraw instead.</summary>
        private async Task<bool> WaitForRevisionAsync()
        {
            while (true)
            {
                Task winner = await Task.WhenAny(this.Revised, this.Withdraw);
                if (winner == this.withdraw)
                {
                    await this.Withdraw;
                    this.withdraw = null;
                    return false;
                }

                RevisionEvent heard = await this.Revised;
                this.revised = null;
                if (heard.Revision > this.revision)
                {
                    this.revision = heard.Revision;
                    return true;
                }
            }
        }

        /// <summary>
        /// Waits until <paramref name="until"/>; false when staff withdraw first. A timer the storage backend delivers a
        /// little early (its queue's visibility is not exact to the millisecond) is followed by another, so that an
        /// embargo is never lifted, nor a comment period closed, before its time by the orchestration's clock.
        /// </summary>
        private async Task<bool> WaitUntilAsync(DateTime until)
        {
            while (context.CurrentUtcDateTime < until)
            {
                using var cts = new CancellationTokenSource();
                Task timer = context.CreateTimer(until, cts.Token);
                Task winner = await Task.WhenAny(timer, this.Withdraw);
                if (winner != timer)
                {
                    await this.Withdraw;
                    this.withdraw = null;
                    CancelTimer(cts);
                    return false;
                }
            }

            return true;
        }

        /// <summary>Ends without publication: no task left, the listing final, the trail closed.</summary>
        private async Task<DisclosureResult> EndAsync()
        {
            StepResult settled = await this.CallAsync<StepResult>(nameof(SettleDisclosureActivity), new SettleRequest(this.Id, context.CurrentUtcDateTime));
            return new DisclosureResult(this.Id, settled.Status, settled.Revision, null);
        }

        private Task<T> CallAsync<T>(string activity, object request)
        {
            this.Step = activity;
            return context.CallActivityAsync<T>(activity, request, this.retry);
        }
    }
}
