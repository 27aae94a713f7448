using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Consultations.Storage;
using G7Flows.Workflows.Platform.Durable;
using G7Flows.Workflows.Platform.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace G7Flows.Workflows.Consultations.Workflow;

/// <summary>
/// Wakes a consultation's orchestration when its stored answers decide the outcome, and makes sure it is woken.
/// </summary>
/// <remarks>
/// <para>
/// The deciding answer's transaction also sets the consultation row's <see cref="ConsultationEntity.DecidedAt"/>. The
/// event that wakes the orchestration is sent once the 202 has gone (<see cref="RaiseAfterResponse"/>), so the answer's
/// POST costs its table requests only, not a queue send that takes hundreds of milliseconds on a busy queue.
/// </para>
/// <para>
/// A process that stops between the 202 and the send leaves a consultation decided and open. Every host runs
/// <see cref="SweepAsync"/> on a schedule (<see cref="ScheduleSetting"/>, every 15 s by default, and once at start when
/// an occurrence was missed): it sends the event again to every open consultation decided more than
/// <see cref="Grace"/> ago. A second event is harmless: the orchestration closes once, from what is stored.
/// </para>
/// </remarks>
public sealed partial class DecisiveAnswers(
    ConsultationStore store,
    OrchestrationSightings sightings,
    FaultInjector faults,
    TimeProvider clock,
    ILogger<DecisiveAnswers> logger)
{
    /// <summary>The schedule's name: the functions app's timer function and the server's scheduler.</summary>
    public const string ScheduleName = "ConsultationDecisionSweep";

    /// <summary>The sweep's schedule setting; the functions app's timer binds to it as <c>%G7Flows:Consultations:DecisionSweep%</c>.</summary>
    public const string ScheduleSetting = "G7Flows:Consultations:DecisionSweep";

    /// <summary>Every 15 seconds (six-field NCRONTAB, UTC).</summary>
    public const string DefaultSchedule = "*/15 * * * * *";

    /// <summary>How many consultations one sweep wakes at most; the next sweep takes the rest.</summary>
    public const int SweepLimit = 500;

    /// <summary>
    /// How long a decided consultation may stay open before the sweep wakes it again: the event sent after the 202
    /// normally closes it within a second or two, even under load.
    /// </summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    /// <summary>How many deciding events one process sends after their responses at once; beyond it, before.</summary>
    public const int MaxDeferred = 4;

    /// <summary>Deciding events being sent (or waiting for their response to go) in this process.</summary>
    private int underWay;

    /// <summary>How long a running orchestration is given to close after a deciding answer before the event is sent again.</summary>
    private static readonly TimeSpan RecheckAfterRunning = TimeSpan.FromSeconds(5);

    /// <summary>How long after its start a consultation's orchestration may still be waiting for its first episode.</summary>
    private static readonly TimeSpan YoungConsultation = TimeSpan.FromMinutes(2);

    /// <summary>How long the send waits for the host to say that the response has gone.</summary>
    private static readonly TimeSpan CompletionWait = TimeSpan.FromSeconds(2);

    /// <summary>How long the send after the response may take before it is left to the sweep.</summary>
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Wakes the orchestration for a deciding answer: once the response has gone when fewer than
    /// <see cref="MaxDeferred"/> sends of this process are under way; otherwise now, before the response, so that a
    /// queue that is falling behind slows the answers that feed it instead of gathering sends in memory.
    /// </summary>
    public async Task RaiseForAnswerAsync(HttpContext http, DurableTaskClient client, ConsultationSnapshot snapshot, PositionEntity decisive, CancellationToken ct)
    {
        if (Interlocked.Increment(ref this.underWay) > MaxDeferred)
        {
            try
            {
                await this.RaiseAsync(client, snapshot, decisive, ct);
            }
            finally
            {
                Interlocked.Decrement(ref this.underWay);
            }

            return;
        }

        this.RaiseAfterResponse(http, client, snapshot, decisive);
    }

    /// <summary>
    /// Sends the deciding event once the response has gone (the server's <c>OnCompleted</c>; a host that does not
    /// report completion sends it after <see cref="CompletionWait"/>). A failure is logged and left to the sweep: the
    /// answer is stored, the row says decided, and nothing else is waiting for the send. The caller has counted the
    /// send in <see cref="underWay"/>; it is uncounted here when it ends.
    /// </summary>
    private void RaiseAfterResponse(HttpContext http, DurableTaskClient client, ConsultationSnapshot snapshot, PositionEntity decisive)
    {
        ArgumentNullException.ThrowIfNull(http);
        var completed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        http.Response.OnCompleted(() =>
        {
            completed.TrySetResult();
            return Task.CompletedTask;
        });
        _ = Task.Run(async () =>
        {
            try
            {
                await completed.Task.WaitAsync(CompletionWait, clock);
            }
            catch (TimeoutException)
            {
                // The host did not say; the response has long gone.
            }

            faults.OnCrashPoint(CrashPoints.AfterDecisiveAnswerAccepted);
            using var timeout = new CancellationTokenSource(SendTimeout, clock);
            try
            {
                await this.RaiseAsync(client, snapshot, decisive, timeout.Token);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogSendFailed(logger, ex, snapshot.Consultation.PartitionKey);
            }
            finally
            {
                Interlocked.Decrement(ref this.underWay);
            }
        });
    }

    /// <summary>
    /// Wakes the orchestration: the stored answers decide the outcome. The engine drops an event that reaches an
    /// instance whose start message it has put back (it does so when the instance row is not visible yet, under load,
    /// within seconds of the start). So for a young consultation whose orchestration has not run yet, the event is
    /// sent again once it runs; a second copy is harmless (the orchestration closes once, from what is stored). An
    /// orchestration this process's engine has seen stored an episode of has started: it is not asked.
    /// </summary>
    public async Task RaiseAsync(DurableTaskClient client, ConsultationSnapshot snapshot, PositionEntity decisive, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(decisive);
        string id = snapshot.Consultation.PartitionKey;
        ResponseEvent message = EventOf(decisive);
        await client.RaiseEventAsync(id, ConsultationEvents.Response, message, ct);
        if (clock.GetUtcNow() - snapshot.Consultation.CreatedAt > YoungConsultation || sightings.HasStarted(id))
        {
            return;
        }

        OrchestrationMetadata? instance = await client.GetInstanceAsync(id, getInputsAndOutputs: false, ct);
        if (instance is null || instance.RuntimeStatus == OrchestrationRuntimeStatus.Pending)
        {
            _ = Task.Run(() => this.RaiseWhenRunningAsync(client, id, message), CancellationToken.None);
        }
    }

    /// <summary>
    /// Wakes every open consultation whose stored answers decided the outcome more than <see cref="Grace"/> before
    /// <paramref name="now"/>, at most <see cref="SweepLimit"/>. Each is read again first: one that closed meanwhile, or
    /// whose stored answers no longer decide (an extension does not undo answers, so this is a safeguard), is left.
    /// </summary>
    /// <returns>How many consultations were woken.</returns>
    public async Task<int> SweepAsync(DurableTaskClient client, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        int woken = 0;
        foreach (string id in await store.ListDecidedOpenIdsAsync(now - Grace, SweepLimit, ct))
        {
            ConsultationSnapshot? snapshot = await store.GetAsync(id, ct);
            if (snapshot is null
                || snapshot.Consultation.Status != nameof(ConsultationStatus.Open)
                || !CloseConsultationActivity.StoredAnswersDecide(snapshot))
            {
                continue;
            }

            PositionEntity last = snapshot.Positions.Where(p => p.RespondedAt is not null).MaxBy(p => p.RespondedAt)!;
            await client.RaiseEventAsync(id, ConsultationEvents.Response, EventOf(last), ct);
            woken++;
            LogWoken(logger, id, snapshot.Consultation.DecidedAt);
        }

        if (woken > 0)
        {
            ConsultationTelemetry.Swept(woken);
        }

        return woken;
    }

    private static ResponseEvent EventOf(PositionEntity p) => new(
        p.Nation,
        WireNames.TryParsePosition(p.Position, out var position) ? position : throw new InvalidOperationException("Stored position is unknown."),
        p.Respondent ?? string.Empty,
        p.RespondedAt!.Value.UtcDateTime,
        Decisive: true);

    private async Task RaiseWhenRunningAsync(DurableTaskClient client, string id, ResponseEvent decisive)
    {
        try
        {
            // Looks again after 1, 2, 4 ... s: an engine that has put the start back waits 2 s or more before it
            // delivers it again, and every look is a storage request, unless this process's engine has seen the
            // instance's episodes stored (then the look costs nothing).
            DateTimeOffset giveUp = clock.GetUtcNow() + YoungConsultation;
            for (var wait = TimeSpan.FromSeconds(1); clock.GetUtcNow() < giveUp; wait *= 2)
            {
                await Task.Delay(wait);
                if (sightings.HasEnded(id))
                {
                    return;
                }

                if (!sightings.HasStarted(id))
                {
                    OrchestrationMetadata? instance = await client.GetInstanceAsync(id, getInputsAndOutputs: false);
                    if (instance is null || instance.RuntimeStatus == OrchestrationRuntimeStatus.Pending)
                    {
                        continue;
                    }

                    if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Running)
                    {
                        return;
                    }
                }

                // Running: the event was kept (the orchestration closes within moments) unless the engine dropped it.
                // Only an orchestration still running a while later has not heard it: it is sent again then. One this
                // process's engine saw end has heard it.
                await Task.Delay(RecheckAfterRunning);
                if (sightings.HasEnded(id))
                {
                    return;
                }

                OrchestrationMetadata? later = await client.GetInstanceAsync(id, getInputsAndOutputs: false);
                if (later?.RuntimeStatus == OrchestrationRuntimeStatus.Running)
                {
                    await client.RaiseEventAsync(id, ConsultationEvents.Response, decisive);
                }

                return;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The answer is stored and will be counted; the sweep sends the event again.
            LogSendFailed(logger, ex, id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consultation {ConsultationId}: the deciding answer's event could not be sent; the decision sweep sends it again")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string consultationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consultation {ConsultationId}: decided at {DecidedAt:O} and still open; its orchestration was woken again")]
    private static partial void LogWoken(ILogger logger, string consultationId, DateTimeOffset? decidedAt);
}
