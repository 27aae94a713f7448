using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Consultations.Storage;
using G7Flows.Workflows.Consultations.Workflow;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Moq.Protected;

namespace G7Flows.Workflows.Tests.Consultations.Workflow;

/// <summary>An activity the orchestrator called, with its input.</summary>
internal sealed record ActivityCall(string Name, object? Input);

/// <summary>A durable timer the orchestrator created: when it fires, its cancellation, and the switch that fires it.</summary>
internal sealed class TimerCall(DateTime fireAt, CancellationToken token)
{
    public DateTime FireAt { get; } = fireAt;

    public CancellationToken Token { get; } = token;

    public TaskCompletionSource Source { get; } = new();

    public bool IsPending => !this.Source.Task.IsCompleted;
}

/// <summary>
/// Runs <see cref="ConsultationOrchestrator"/> on a Moq <see cref="TaskOrchestrationContext"/>. Every external event
/// and every timer is a <see cref="TaskCompletionSource"/> the test completes; activities complete at once and are
/// recorded. There is no synchronization context while the orchestrator runs, so completing a source resumes the
/// orchestrator inline, up to its next <c>Task.WhenAny</c>; each step still waits (briefly, with a timeout) for the
/// orchestrator to react, so a test never races it.
/// </summary>
internal sealed class OrchestrationHarness
{
    private static readonly TimeSpan ReactionTimeout = TimeSpan.FromSeconds(5);

    private readonly Lock gate = new();
    private readonly Mock<TaskOrchestrationContext> context = new() { CallBase = true };
    private readonly List<TaskCompletionSource<ResponseEvent>> responseWaits = [];
    private readonly List<TaskCompletionSource<WithdrawEvent>> withdrawWaits = [];
    private readonly List<TaskCompletionSource<ExtendEvent>> extendWaits = [];
    private readonly List<TimerCall> timers = [];
    private readonly List<ActivityCall> activities = [];
    private int interactions;
    private Task<ConsultationResult>? run;

    public OrchestrationHarness()
    {
        this.context.SetupGet(c => c.CurrentUtcDateTime).Returns(() => this.Now);
        this.context.SetupGet(c => c.Version).Returns(() => this.Version);
        this.context.Protected().SetupGet<ILoggerFactory>("LoggerFactory").Returns(NullLoggerFactory.Instance);

        this.context.Setup(c => c.WaitForExternalEvent<ResponseEvent>(ConsultationEvents.Response, It.IsAny<CancellationToken>()))
            .Returns(() => this.Pending(this.responseWaits));
        this.context.Setup(c => c.WaitForExternalEvent<WithdrawEvent>(ConsultationEvents.Withdraw, It.IsAny<CancellationToken>()))
            .Returns(() => this.Pending(this.withdrawWaits));
        this.context.Setup(c => c.WaitForExternalEvent<ExtendEvent>(ConsultationEvents.Extend, It.IsAny<CancellationToken>()))
            .Returns(() => this.Pending(this.extendWaits));

        this.context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Returns((DateTime fireAt, CancellationToken token) =>
            {
                var timer = new TimerCall(fireAt, token);
                token.Register(() => timer.Source.TrySetCanceled(token));
                this.Record(() => this.timers.Add(timer));
                return timer.Source.Task;
            });

        // The non-generic CallActivityAsync is virtual and calls CallActivityAsync<object> (CallBase).
        this.context.Setup(c => c.CallActivityAsync<object>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName name, object? input, TaskOptions? options) => this.Activity<object>(name, input, null!, options));
        this.context.Setup(c => c.CallActivityAsync<IReadOnlyList<ResponseEvent>>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName name, object? input, TaskOptions? options) => this.Activity<IReadOnlyList<ResponseEvent>>(name, input, [.. this.StoredResponses], options));
        this.context.Setup(c => c.CallActivityAsync<string>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName name, object? input, TaskOptions? options) => this.Activity(name, input, RecordBlobFor(input), options));
        this.context.Setup(c => c.CallActivityAsync<int>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName name, object? input, TaskOptions? options) => this.Activity(name, input, 0, options));
        this.context.Setup(c => c.CallActivityAsync<DateTime>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName name, object? input, TaskOptions? options) => this.Activity(name, input, this.StoredDeadline ?? this.Input.Deadline, options));
        this.context.Setup(c => c.CallActivityAsync<CloseResult>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName name, object? input, TaskOptions? options) => this.Activity(name, input, this.Close(Assert.IsType<CloseRequest>(input)), options));
    }

    /// <summary>The deadline stored in the table, when a test moves it without telling the orchestration.</summary>
    public DateTime? StoredDeadline { get; set; }

    /// <summary>Activities that fail (as after their retries ran out), by name: how many more calls fail.</summary>
    public Dictionary<string, int> Failing { get; } = new(StringComparer.Ordinal);

    /// <summary>The options each activity call passed: every call must carry the shared retry policy.</summary>
    public List<TaskOptions?> Options { get; } = [];

    /// <summary>
    /// What <see cref="CloseConsultationActivity"/> decides: the real decision function over a table built from
    /// <see cref="StoredResponses"/> and <see cref="StoredDeadline"/>.
    /// </summary>
    private CloseResult Close(CloseRequest request)
    {
        var c = new ConsultationEntity
        {
            PartitionKey = this.Input.ConsultationId,
            Participants = string.Join(',', this.Input.Participants),
            Rule = WireNames.Of(this.Input.Rule),
            Threshold = this.Input.Threshold,
            Status = nameof(ConsultationStatus.Open),
            Deadline = this.StoredDeadline ?? this.Input.Deadline,
        };
        var positions = this.Input.Participants.Select(n => this.StoredResponses.FirstOrDefault(r => r.Nation == n) is { } r
            ? new PositionEntity { Nation = n, Position = WireNames.Of(r.Position), RespondedAt = r.SubmittedAt, Respondent = r.Respondent }
            : new PositionEntity { Nation = n }).ToList();
        var snapshot = new ConsultationSnapshot(c, positions);
        Decision? decision = CloseConsultationActivity.Decide(snapshot, request);
        var counted = ConsultationStore.StoredResponses(snapshot).Select(r => new CountedResponse(r.Nation, r.Position)).OrderBy(r => r.Nation, StringComparer.Ordinal).ToList();
        return decision is null
            ? new CloseResult(false, ConsultationStatus.Open, string.Empty, [], c.Deadline.UtcDateTime)
            : new CloseResult(true, decision.Status, decision.Reason, counted, c.Deadline.UtcDateTime, this.ClosePublishes ? RecordBlobFor(c.PartitionKey) : null);
    }

    /// <summary>The orchestration clock (<c>context.CurrentUtcDateTime</c>).</summary>
    public DateTime Now { get; set; } = Builders.ConsultationInputBuilder.Opened;

    /// <summary>The instance's version (<c>context.Version</c>): empty, as for an instance started before versions, unless set.</summary>
    public string Version { get; set; } = string.Empty;

    /// <summary>The answers stored in the table (what <see cref="OpenConsultationActivity"/> returns and the close counts).</summary>
    public List<ResponseEvent> StoredResponses { get; } = [];

    public ConsultationInput Input { get; private set; } = null!;

    public IReadOnlyList<ActivityCall> Activities
    {
        get
        {
            lock (this.gate)
            {
                return [.. this.activities];
            }
        }
    }

    public IReadOnlyList<TimerCall> Timers
    {
        get
        {
            lock (this.gate)
            {
                return [.. this.timers];
            }
        }
    }

    public IReadOnlyList<TimerCall> PendingTimers => [.. this.Timers.Where(t => t.IsPending)];

    public bool IsCompleted => this.Run.IsCompleted;

    /// <summary>The result of the orchestration; fails the test if it is still running or failed.</summary>
    public ConsultationResult Result
    {
        get
        {
            Assert.True(this.Run.IsCompleted, "The orchestration is still running.");
            return this.Run.GetAwaiter().GetResult();
        }
    }

    /// <summary>The last <see cref="CloseConsultationActivity"/> call's request (the one that closed).</summary>
    public CloseRequest CloseRequest => Assert.IsType<CloseRequest>(this.CallsTo(nameof(CloseConsultationActivity))[^1].Input);

    private Task<ConsultationResult> Run => this.run ?? throw new InvalidOperationException("Call Start first.");

    public static string RecordBlobFor(object? consultationId) => $"records/{consultationId}.json";

    public IReadOnlyList<ActivityCall> CallsTo(string activity) => [.. this.Activities.Where(a => a.Name == activity)];

    /// <summary>The pending timer that fires at <paramref name="fireAt"/>; fails the test if there is none.</summary>
    public TimerCall PendingTimerAt(DateTime fireAt) =>
        Assert.Single(this.PendingTimers, t => t.FireAt == fireAt);

    public void Start(ConsultationInput input)
    {
        this.Input = input;
        WithoutSynchronizationContext(() => this.run = new ConsultationOrchestrator().RunAsync(this.context.Object, input));
        if (this.Run.IsFaulted)
        {
            this.Run.GetAwaiter().GetResult();
        }
    }

    /// <summary>Stores a response and raises its event, as the HTTP layer does.</summary>
    public void Respond(string nation, Position position, DateTime? submittedAt = null)
    {
        var response = new ResponseEvent(nation, position, $"reviewer-{nation.ToLowerInvariant()}", submittedAt ?? this.Now);
        if (!this.StoredResponses.Any(r => r.Nation == nation))
        {
            this.StoredResponses.Add(response);
        }

        this.Raise(this.responseWaits, response);
    }

    /// <summary>
    /// Stores a response as the HTTP layer does since answers raise decisive events: an event only when the stored
    /// answers decide the outcome (then marked <see cref="ResponseEvent.Decisive"/>).
    /// </summary>
    /// <returns>Whether an event was raised.</returns>
    public bool Answer(string nation, Position position)
    {
        var response = new ResponseEvent(nation, position, $"reviewer-{nation.ToLowerInvariant()}", this.Now);
        this.StoredResponses.Add(response);
        var tally = this.StoredResponses.ToDictionary(r => r.Nation, r => r.Position, StringComparer.Ordinal);
        if (DecisionRules.Evaluate(this.Input.Rule, this.Input.Threshold, this.Input.Participants, tally, deadlinePassed: false) is null)
        {
            return false;
        }

        this.Raise(this.responseWaits, response with { Decisive = true });
        return true;
    }

    /// <summary>When true, the close activity also publishes the record and returns its name (as it does now).</summary>
    public bool ClosePublishes { get; set; }

    public void Withdraw(string reason, string requestedBy) =>
        this.Raise(this.withdrawWaits, new WithdrawEvent(reason, requestedBy, this.Now));

    /// <summary>Stores a new deadline and raises the Extend event, as the HTTP layer does.</summary>
    public void Extend(DateTime until, string requestedBy)
    {
        this.StoredDeadline = until;
        this.Raise(this.extendWaits, new ExtendEvent(until, requestedBy, this.Now));
    }

    /// <summary>Moves the clock to the timer's time and fires it.</summary>
    public void Fire(TimerCall timer)
    {
        Assert.True(timer.IsPending, $"The timer at {timer.FireAt:O} is not pending.");
        if (this.Now < timer.FireAt)
        {
            this.Now = timer.FireAt;
        }

        this.React(() => timer.Source.SetResult());
    }

    private void Raise<T>(List<TaskCompletionSource<T>> waits, T value)
    {
        TaskCompletionSource<T> pending;
        lock (this.gate)
        {
            pending = Assert.Single(waits, w => !w.Task.IsCompleted);
        }

        this.React(() => pending.SetResult(value));
    }

    /// <summary>Completes something the orchestrator waits for, then waits until it has reacted: a new call, or the end.</summary>
    private void React(Action complete)
    {
        Assert.False(this.Run.IsCompleted, "The orchestration has already completed.");
        int before = Volatile.Read(ref this.interactions);
        WithoutSynchronizationContext(complete);
        bool reacted = SpinWait.SpinUntil(() => Volatile.Read(ref this.interactions) > before || this.Run.IsCompleted, ReactionTimeout);
        Assert.True(reacted, "The orchestrator did not react.");
        if (this.Run.IsFaulted)
        {
            this.Run.GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> with no synchronization context, so that the orchestrator's awaits capture none
    /// and resume inline when the test completes what they wait for (xunit's own context would post them).
    /// </summary>
    private static void WithoutSynchronizationContext(Action action)
    {
        SynchronizationContext? previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            action();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private Task<T> Pending<T>(List<TaskCompletionSource<T>> waits)
    {
        var source = new TaskCompletionSource<T>();
        this.Record(() => waits.Add(source));
        return source.Task;
    }

    private Task<T> Activity<T>(TaskName name, object? input, T result, TaskOptions? options = null)
    {
        this.Options.Add(options);
        this.Record(() => this.activities.Add(new ActivityCall(name.Name, input)));
        if (this.Failing.TryGetValue(name.Name, out int left) && left != 0)
        {
            this.Failing[name.Name] = left - 1;
            return Task.FromException<T>(new TaskFailedException(name.Name, 0, new TaskFailureDetails("InvalidOperationException", $"{name.Name} failed for good.", null, null, null)));
        }

        return Task.FromResult(result);
    }

    private void Record(Action add)
    {
        lock (this.gate)
        {
            add();
        }

        Interlocked.Increment(ref this.interactions);
    }
}
