using G7Flows.Workflows.Consultations.Domain;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace G7Flows.Workflows.Consultations.Workflow;

/// <summary>
/// Runs one multi-nation consultation: waits for responses, withdrawal and extensions, sends reminders
/// before the deadline, and closes as soon as the decision rule makes the outcome certain or the deadline
/// passes. It is the arbiter of the outcome: a response is counted here exactly once, or marked late.
/// </summary>
public sealed class ConsultationOrchestrator : TaskOrchestrator<ConsultationInput, ConsultationResult>
{
    /// <inheritdoc/>
    public override async Task<ConsultationResult> RunAsync(TaskOrchestrationContext context, ConsultationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        ILogger logger = context.CreateReplaySafeLogger<ConsultationOrchestrator>();

        var tally = new Dictionary<string, Position>(StringComparer.Ordinal);
        DateTime deadline = input.Deadline;

        // Answers stored before the orchestration started: their events may have been discarded by the engine.
        IReadOnlyList<ResponseEvent> early = await context.CallActivityAsync<IReadOnlyList<ResponseEvent>>(nameof(OpenConsultationActivity), input);
        foreach (ResponseEvent stored in early.Where(r => r.SubmittedAt <= deadline && input.Participants.Contains(r.Nation)))
        {
            tally.TryAdd(stored.Nation, stored.Position);
        }

        var schedule = new ReminderSchedule(input.Reminders);

        Task<ResponseEvent> response = context.WaitForExternalEvent<ResponseEvent>(ConsultationEvents.Response);
        Task<WithdrawEvent> withdraw = context.WaitForExternalEvent<WithdrawEvent>(ConsultationEvents.Withdraw);
        Task<ExtendEvent> extend = context.WaitForExternalEvent<ExtendEvent>(ConsultationEvents.Extend);
        var deadlineCts = new CancellationTokenSource();
        Task deadlineTimer = context.CreateTimer(deadline, deadlineCts.Token);
        CancellationTokenSource? reminderCts = null;
        Task? reminderTimer = null;

        Decision? decision = null;
        string closedBy = "rule";
        bool atDeadline = false;
        while (decision is null)
        {
            decision = DecisionRules.Evaluate(input.Rule, input.Threshold, input.Participants, tally, deadlinePassed: false);
            if (decision is not null)
            {
                break;
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
                    logger.LogInformation("Consultation {ConsultationId}: {Nation} counted as {Position}", input.ConsultationId, received.Nation, received.Position);
                }

                response = context.WaitForExternalEvent<ResponseEvent>(ConsultationEvents.Response);
            }
            else if (winner == withdraw)
            {
                WithdrawEvent request = await withdraw;
                decision = new Decision(ConsultationStatus.Withdrawn, $"Withdrawn by staff: {request.Reason}");
                closedBy = request.RequestedBy;
            }
            else if (winner == extend)
            {
                ExtendEvent request = await extend;
                DateTime previous = deadline;
                deadline += request.By;
                CancelTimer(deadlineCts);
                deadlineCts = new CancellationTokenSource();
                deadlineTimer = context.CreateTimer(deadline, deadlineCts.Token);
                if (reminderCts is not null)
                {
                    CancelTimer(reminderCts);
                }

                reminderTimer = null;
                schedule.Restart();
                await context.CallActivityAsync(
                    nameof(ApplyExtensionActivity),
                    new ExtensionRequest(input.ConsultationId, previous, deadline, request.RequestedBy, request.RequestedAt));
                extend = context.WaitForExternalEvent<ExtendEvent>(ConsultationEvents.Extend);
            }
            else if (winner == deadlineTimer)
            {
                // Responses stored before the deadline whose events have not arrived yet still count.
                await CountStoredResponsesAsync(context, input.ConsultationId, tally, deadline);
                decision = DecisionRules.Evaluate(input.Rule, input.Threshold, input.Participants, tally, deadlinePassed: true);
                atDeadline = true;
            }
            else
            {
                reminderTimer = null;
                var pending = input.Participants.Where(n => !tally.ContainsKey(n)).ToList();
                int number = schedule.MarkSent();
                await context.CallActivityAsync(
                    nameof(SendRemindersActivity),
                    new ReminderRequest(input.ConsultationId, input.Title, deadline, number, pending, context.CurrentUtcDateTime));
            }
        }

        CancelTimer(deadlineCts);
        if (reminderCts is not null)
        {
            CancelTimer(reminderCts);
        }

        if (!atDeadline)
        {
            // An early close: answers stored before it whose events are still on their way count too. The outcome was
            // certain, so they cannot change it (only the reason may name more nations); they are never shown as late.
            await CountStoredResponsesAsync(context, input.ConsultationId, tally, context.CurrentUtcDateTime);
            if (decision.Status != ConsultationStatus.Withdrawn)
            {
                decision = DecisionRules.Evaluate(input.Rule, input.Threshold, input.Participants, tally, deadlinePassed: false) ?? decision;
            }
        }

        DateTime closedAt = context.CurrentUtcDateTime;
        var counted = tally.Select(p => new CountedResponse(p.Key, p.Value)).OrderBy(c => c.Nation, StringComparer.Ordinal).ToList();
        var close = new CloseRequest(input.ConsultationId, decision.Status, decision.Reason, closedAt, counted, closedBy);
        await context.CallActivityAsync(nameof(CloseConsultationActivity), close);
        string recordBlob = await context.CallActivityAsync<string>(nameof(PublishRecordActivity), input.ConsultationId);
        logger.LogInformation("Consultation {ConsultationId} closed as {Status}", input.ConsultationId, decision.Status);
        return new ConsultationResult(input.ConsultationId, decision.Status, decision.Reason, closedAt, counted, recordBlob);
    }

    /// <summary>Adds to the tally the stored responses submitted by <paramref name="cutoff"/> (once per nation, as events are).</summary>
    private static async Task CountStoredResponsesAsync(
        TaskOrchestrationContext context, string consultationId, Dictionary<string, Position> tally, DateTime cutoff)
    {
        IReadOnlyList<ResponseEvent> stored = await context.CallActivityAsync<IReadOnlyList<ResponseEvent>>(
            nameof(CollectResponsesActivity), consultationId);
        foreach (ResponseEvent response in stored.Where(r => r.SubmittedAt <= cutoff))
        {
            tally.TryAdd(response.Nation, response.Position);
        }
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
