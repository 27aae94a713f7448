using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Platform.Durable;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace G7Flows.Workflows.Consultations.Workflow;

/// <summary>
/// Runs one multi-nation consultation. It owns time (the deadline, reminders, extensions) and the close: when the
/// answers it has heard of make the outcome certain, when the deadline passes or when staff withdraw, it asks
/// <see cref="CloseConsultationActivity"/> to close from what is stored, under the consultation row's ETag, so every
/// answer that was accepted is counted and every later one is refused. Answers are stored by the API and wake the
/// orchestration only when the stored answers decide (<see cref="ResponseEvent.Decisive"/>); the close publishes the
/// record in the same activity, so an early close costs one event and one activity. Every activity call retries with back-off;
/// a step that fails for good marks the consultation <c>Failed</c> and tells staff.
/// </summary>
public sealed class ConsultationOrchestrator : TaskOrchestrator<ConsultationInput, ConsultationResult>
{
    /// <summary>
    /// From version 2 (<see cref="WorkflowVersions.Consultation"/>): the reminder a consultation started without
    /// reminders gets, this long before its deadline.
    /// </summary>
    public static readonly TimeSpan FinalReminder = TimeSpan.FromHours(1);

    /// <summary>
    /// The reminder points of an instance: those the request asked for; from version 2, <see cref="FinalReminder"/>
    /// when it asked for none. Instances of version 1 (and those started without a version) keep the old policy.
    /// </summary>
    public static IReadOnlyList<TimeSpan> RemindersFor(string? version, IReadOnlyList<TimeSpan> requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        return requested.Count == 0 && WorkflowVersions.IsAtLeast(version, "2") ? [FinalReminder] : requested;
    }

    /// <inheritdoc/>
    public override async Task<ConsultationResult> RunAsync(TaskOrchestrationContext context, ConsultationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        string step = nameof(OpenConsultationActivity);
        try
        {
            return await RunConsultationAsync(context, input, s => step = s);
        }
        catch (TaskFailedException failure)
        {
            string reason = failure.FailureDetails.ErrorMessage;
            context.CreateReplaySafeLogger<ConsultationOrchestrator>()
                .LogError("Consultation {ConsultationId} failed at {Step}: {Reason}", input.ConsultationId, step, reason);
            DateTime failedAt = context.CurrentUtcDateTime;
            await context.CallActivityAsync<string>(
                nameof(MarkFailedActivity), new FailureRequest(input.ConsultationId, step, reason, failedAt), RetryPolicies.ActivityOptions);
            return new ConsultationResult(input.ConsultationId, ConsultationStatus.Failed, $"The workflow failed at {step}: {reason}", failedAt, [], null);
        }
    }

    private static async Task<ConsultationResult> RunConsultationAsync(TaskOrchestrationContext context, ConsultationInput input, Action<string> stepIs)
    {
        ILogger logger = context.CreateReplaySafeLogger<ConsultationOrchestrator>();
        TaskOptions retry = RetryPolicies.ActivityOptions;
        var tally = new Dictionary<string, Position>(StringComparer.Ordinal);
        DateTime deadline = input.Deadline;

        if (!input.AnswersRaiseDecisiveEvents)
        {
            // Started before answers raised decisive events: answers stored before the orchestration started may have
            // had their events discarded by the engine. (Now the API makes sure a decisive event reaches a started
            // orchestration, so this read is not needed.)
            IReadOnlyList<ResponseEvent> early = await context.CallActivityAsync<IReadOnlyList<ResponseEvent>>(nameof(OpenConsultationActivity), input, retry);
            foreach (ResponseEvent stored in early.Where(r => input.Participants.Contains(r.Nation)))
            {
                tally.TryAdd(stored.Nation, stored.Position);
            }
        }

        var schedule = new ReminderSchedule(RemindersFor(context.Version, input.Reminders));
        Task<ResponseEvent> response = context.WaitForExternalEvent<ResponseEvent>(ConsultationEvents.Response);
        Task<WithdrawEvent> withdraw = context.WaitForExternalEvent<WithdrawEvent>(ConsultationEvents.Withdraw);
        Task<ExtendEvent> extend = context.WaitForExternalEvent<ExtendEvent>(ConsultationEvents.Extend);
        var deadlineCts = new CancellationTokenSource();
        Task deadlineTimer = context.CreateTimer(deadline, deadlineCts.Token);
        CancellationTokenSource? reminderCts = null;
        Task? reminderTimer = null;

        // Moves the deadline later: new timers, reminders planned again, the copies of the deadline brought along.
        async Task MoveDeadlineAsync(DateTime until, string requestedBy, DateTime requestedAt)
        {
            DateTime previous = deadline;
            deadline = until;
            CancelTimer(deadlineCts);
            deadlineCts = new CancellationTokenSource();
            deadlineTimer = context.CreateTimer(deadline, deadlineCts.Token);
            if (reminderCts is not null)
            {
                CancelTimer(reminderCts);
            }

            reminderTimer = null;
            schedule.Restart();
            stepIs(nameof(ApplyExtensionActivity));
            await context.CallActivityAsync<DateTime>(
                nameof(ApplyExtensionActivity), new ExtensionRequest(input.ConsultationId, previous, deadline, requestedBy, requestedAt), retry);
        }

        CloseRequest? close = null;
        CloseResult? closed = null;
        bool ruleMayClose = true;
        bool decisiveHeard = false;
        while (closed is null)
        {
            if (close is null && ruleMayClose
                && (decisiveHeard || DecisionRules.Evaluate(input.Rule, input.Threshold, input.Participants, tally, deadlinePassed: false) is not null))
            {
                close = new CloseRequest(input.ConsultationId, CloseTrigger.Rule, deadline, context.CurrentUtcDateTime, "rule");
            }

            if (close is not null)
            {
                stepIs(nameof(CloseConsultationActivity));
                CloseResult result = await context.CallActivityAsync<CloseResult>(nameof(CloseConsultationActivity), close, retry);
                if (result.Closed)
                {
                    closed = result;
                    break;
                }

                if (close.Trigger == CloseTrigger.Deadline && result.StoredDeadline > deadline)
                {
                    // An extension was stored but its event has not arrived: the stored deadline decides.
                    await MoveDeadlineAsync(result.StoredDeadline, "workflow", context.CurrentUtcDateTime);
                }

                // Not closed: wait for something new before the rule asks again.
                ruleMayClose = false;
                decisiveHeard = false;
                close = null;
            }

            if (reminderTimer is null && schedule.Next(deadline, context.CurrentUtcDateTime) is { } next)
            {
                reminderCts = new CancellationTokenSource();
                reminderTimer = context.CreateTimer(next.FireAt, reminderCts.Token);
            }

            var waits = new List<Task> { response, withdraw, extend, deadlineTimer };
            if (reminderTimer is not null)
            {
                waits.Add(reminderTimer);
            }

            Task winner = await Task.WhenAny(waits);
            if (winner == response)
            {
                ResponseEvent received = await response;
                if (input.Participants.Contains(received.Nation) && tally.TryAdd(received.Nation, received.Position))
                {
                    logger.LogDebug("Consultation {ConsultationId}: heard from {Nation}", input.ConsultationId, received.Nation);
                    ruleMayClose = true;
                }

                if (received.Decisive && input.Participants.Contains(received.Nation))
                {
                    // The stored answers decide: the close reads them all (this event carries only the last one).
                    decisiveHeard = true;
                    ruleMayClose = true;
                }

                response = context.WaitForExternalEvent<ResponseEvent>(ConsultationEvents.Response);
            }
            else if (winner == withdraw)
            {
                WithdrawEvent request = await withdraw;
                close = new CloseRequest(input.ConsultationId, CloseTrigger.Withdrawal, deadline, context.CurrentUtcDateTime, request.RequestedBy, request.Reason);
                withdraw = context.WaitForExternalEvent<WithdrawEvent>(ConsultationEvents.Withdraw);
            }
            else if (winner == extend)
            {
                ExtendEvent request = await extend;
                if (request.Until > deadline)
                {
                    await MoveDeadlineAsync(request.Until, request.RequestedBy, request.RequestedAt);
                }

                extend = context.WaitForExternalEvent<ExtendEvent>(ConsultationEvents.Extend);
            }
            else if (winner == deadlineTimer)
            {
                close = new CloseRequest(input.ConsultationId, CloseTrigger.Deadline, deadline, context.CurrentUtcDateTime, "deadline");
            }
            else
            {
                reminderTimer = null;
                var pending = input.Participants.Where(n => !tally.ContainsKey(n)).ToList();
                int number = schedule.MarkSent();
                stepIs(nameof(SendRemindersActivity));
                await context.CallActivityAsync<int>(
                    nameof(SendRemindersActivity),
                    new ReminderRequest(input.ConsultationId, input.Title, deadline, number, pending, context.CurrentUtcDateTime),
                    retry);
            }
        }

        CancelTimer(deadlineCts);
        if (reminderCts is not null)
        {
            CancelTimer(reminderCts);
        }

        string? recordBlob = closed.RecordBlob;
        if (recordBlob is null)
        {
            // A close that did not publish (one that ran before the close published in the same activity).
            stepIs(nameof(PublishRecordActivity));
            recordBlob = await context.CallActivityAsync<string>(nameof(PublishRecordActivity), input.ConsultationId, retry);
        }

        logger.LogInformation("Consultation {ConsultationId} closed as {Status}", input.ConsultationId, closed.Status);
        return new ConsultationResult(input.ConsultationId, closed.Status, closed.Reason, close!.ClosedAt, closed.Counted, recordBlob);
    }

    /// <summary>
    /// Cancels a durable timer. Synchronously on purpose: <c>CancelAsync</c> would resume the orchestrator on a
    /// thread-pool thread, outside the single-threaded replay it must run in.
    /// </summary>
#pragma warning disable CA1849 // Call async methods when in an async method
    private static void CancelTimer(CancellationTokenSource source) => source.Cancel();
#pragma warning restore CA1849

    /// <summary>Reminder points before a deadline, and which have been sent for it.</summary>
    private sealed class ReminderSchedule(IReadOnlyList<TimeSpan> offsets)
    {
        private readonly TimeSpan[] offsets = [.. offsets.OrderByDescending(o => o)];
        private int sent;

        /// <summary>The next reminder still in the future for <paramref name="deadline"/>, if any.</summary>
        public (DateTime FireAt, int Number)? Next(DateTime deadline, DateTime now)
        {
            while (this.sent < this.offsets.Length)
            {
                DateTime fireAt = deadline - this.offsets[this.sent];
                if (fireAt > now)
                {
                    return (fireAt, this.sent + 1);
                }

                // This point passed while the consultation was busy (or before an extension moved it): skip it.
                this.sent++;
            }

            return null;
        }

        /// <summary>Marks the current reminder as sent and returns its number (1-based).</summary>
        public int MarkSent() => ++this.sent;

        /// <summary>Plans the reminders again, for a new deadline.</summary>
        public void Restart() => this.sent = 0;
    }
}
