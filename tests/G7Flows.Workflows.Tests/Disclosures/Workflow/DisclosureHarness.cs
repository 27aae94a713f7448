using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Disclosures.Storage;
using G7Flows.Workflows.Disclosures.Workflow;
using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Tests.Consultations.Workflow;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Moq.Protected;

namespace G7Flows.Workflows.Tests.Disclosures.Workflow;

/// <summary>
/// Runs <see cref="DisclosureOrchestrator"/> on a Moq <see cref="TaskOrchestrationContext"/> over a small stored
/// disclosure: the activities answer from it as the real ones do from the table (the step's conclusion is the real
/// <see cref="ConcludeStepActivity.Apply"/>), and the test changes it as the HTTP layer does (store, then raise the
/// event). Events and timers are <see cref="TaskCompletionSource"/>s the test completes; each step waits, with a
/// timeout, for the orchestrator to react.
/// </summary>
internal sealed class DisclosureHarness
{
    public const string Id = "dharnessaaaaaaaaaaaaaaaaaa";

    public static readonly DateTime Submitted = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    private static readonly TimeSpan ReactionTimeout = TimeSpan.FromSeconds(5);

    private readonly Lock gate = new();
    private readonly Mock<TaskOrchestrationContext> context = new() { CallBase = true };
    private readonly List<TaskCompletionSource<ReviewEvent>> reviewWaits = [];
    private readonly List<TaskCompletionSource<RevisionEvent>> revisionWaits = [];
    private readonly List<TaskCompletionSource<DisclosureWithdrawEvent>> withdrawWaits = [];
    private readonly List<TimerCall> timers = [];
    private readonly List<ActivityCall> activities = [];
    private int interactions;
    private Task<DisclosureResult>? run;

    public DisclosureHarness()
    {
        this.context.SetupGet(c => c.CurrentUtcDateTime).Returns(() => this.Now);
        this.context.Protected().SetupGet<ILoggerFactory>("LoggerFactory").Returns(NullLoggerFactory.Instance);
        this.context.Setup(c => c.WaitForExternalEvent<ReviewEvent>(DisclosureEvents.Review, It.IsAny<CancellationToken>()))
            .Returns(() => this.Pending(this.reviewWaits));
        this.context.Setup(c => c.WaitForExternalEvent<RevisionEvent>(DisclosureEvents.Revision, It.IsAny<CancellationToken>()))
            .Returns(() => this.Pending(this.revisionWaits));
        this.context.Setup(c => c.WaitForExternalEvent<DisclosureWithdrawEvent>(DisclosureEvents.Withdraw, It.IsAny<CancellationToken>()))
            .Returns(() => this.Pending(this.withdrawWaits));
        this.context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Returns((DateTime fireAt, CancellationToken token) =>
            {
                var timer = new TimerCall(fireAt, token);
                token.Register(() => timer.Source.TrySetCanceled(token));
                this.Record(() => this.timers.Add(timer));
                return timer.Source.Task;
            });

        this.Setup<StepResult>();
        this.Setup<StepOutcome>();
        this.Setup<StepNoticeResult>();
        this.Setup<PublicationResult>();
    }

    /// <summary>The orchestration clock.</summary>
    public DateTime Now { get; set; } = Submitted;

    /// <summary>The stored disclosure row.</summary>
    public DisclosureEntity Stored { get; } = new() { PartitionKey = Id, Nation = "FR", Title = "Defence policy 2026", Status = nameof(DisclosureStatus.Screening), Revision = 1 };

    /// <summary>The stored review answers.</summary>
    public List<ReviewEntity> Reviews { get; } = [];

    /// <summary>Revisions whose screening finds a blocking finding.</summary>
    public HashSet<int> BlockedRevisions { get; } = [];

    /// <summary>Activities that fail (as after their retries ran out), by name: how many more calls fail.</summary>
    public Dictionary<string, int> Failing { get; } = new(StringComparer.Ordinal);

    /// <summary>The options each activity call passed: every call must carry the shared retry policy.</summary>
    public List<TaskOptions?> Options { get; } = [];

    public DisclosureInput Input { get; private set; } = null!;

    public DisclosureStatus Status => DisclosureStatuses.Parse(this.Stored.Status);

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

    public IReadOnlyList<TimerCall> PendingTimers
    {
        get
        {
            lock (this.gate)
            {
                return [.. this.timers.Where(t => t.IsPending)];
            }
        }
    }

    public bool IsCompleted => this.Run.IsCompleted;

    public DisclosureResult Result
    {
        get
        {
            Assert.True(this.Run.IsCompleted, "The orchestration is still running.");
            return this.Run.GetAwaiter().GetResult();
        }
    }

    private Task<DisclosureResult> Run => this.run ?? throw new InvalidOperationException("Call Start first.");

    public static DisclosureInput DefaultInput(DateTime? embargo = null) => new(
        Id, "FR", "Defence policy 2026", 1, TimeSpan.FromDays(14), embargo, StepDurations.Defaults);

    public IReadOnlyList<ActivityCall> CallsTo(string activity) => [.. this.Activities.Where(a => a.Name == activity)];

    public IReadOnlyList<string> ActivityNames => [.. this.Activities.Select(a => a.Name)];

    public TimerCall PendingTimerAt(DateTime fireAt) => Assert.Single(this.PendingTimers, t => t.FireAt == fireAt);

    public void Start(DisclosureInput? input = null)
    {
        this.Input = input ?? DefaultInput();
        this.Stored.EmbargoUntil = this.Input.EmbargoUntil;
        WithoutSynchronizationContext(() => this.run = new DisclosureOrchestrator().RunAsync(this.context.Object, this.Input));
        if (this.Run.IsFaulted)
        {
            this.Run.GetAwaiter().GetResult();
        }
    }

    /// <summary>Stores an answer to the current revision's <paramref name="step"/> (as the HTTP layer does) and raises its event.</summary>
    public void Answer(string step, string decision)
    {
        this.Store(step, decision);
        this.RaiseReview(new ReviewEvent(step, this.Stored.Revision, decision));
    }

    /// <summary>Stores an answer whose event is lost.</summary>
    public void Store(string step, string decision)
    {
        Assert.Equal(DisclosureStatuses.OfStep(step), this.Status);
        this.Reviews.Add(new ReviewEntity
        {
            PartitionKey = Id,
            Step = step,
            Revision = this.Stored.Revision,
            Decision = decision,
            Comment = decision == ReviewDecisions.Approve ? null : "Because.",
            Reviewer = $"{step} reviewer",
            ReviewedAt = this.Now,
        });
    }

    /// <summary>Raises a review event without storing anything (a duplicate, stray or out-of-step event).</summary>
    public void RaiseReview(ReviewEvent review) => this.Raise(this.reviewWaits, review);

    /// <summary>Stores a new revision (as the HTTP layer does, only in ChangesRequested) and raises its event.</summary>
    public void Revise()
    {
        Assert.Equal(DisclosureStatus.ChangesRequested, this.Status);
        this.Stored.Revision++;
        this.Stored.Status = nameof(DisclosureStatus.Screening);
        this.Raise(this.revisionWaits, new RevisionEvent(this.Stored.Revision));
    }

    /// <summary>Stores the withdrawal and raises its event.</summary>
    public void Withdraw()
    {
        this.Stored.Status = nameof(DisclosureStatus.Withdrawn);
        this.Raise(this.withdrawWaits, new DisclosureWithdrawEvent("staff", this.Now));
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

    /// <summary>Fires a timer early: the storage backend delivered it while the orchestration's clock reads <paramref name="now"/>.</summary>
    public void FireEarly(TimerCall timer, DateTime now)
    {
        Assert.True(timer.IsPending, $"The timer at {timer.FireAt:O} is not pending.");
        this.Now = now;
        this.React(() => timer.Source.SetResult());
    }

    /// <summary>Moves the clock on and fires the pending timer due at <paramref name="fireAt"/>.</summary>
    public void FireAt(DateTime fireAt) => this.Fire(this.PendingTimerAt(fireAt));

    /// <summary>Answers every step with approve, through the comment period, up to and including final approval.</summary>
    public void ApproveThroughFinal()
    {
        this.Answer(ReviewSteps.Security, ReviewDecisions.Approve);
        this.Answer(ReviewSteps.HumanRights, ReviewDecisions.Approve);
        this.FireAt(this.Now + this.Input.CommentPeriod);
        this.Answer(ReviewSteps.Final, ReviewDecisions.Approve);
    }

    private object Respond(string name, object? input) => name switch
    {
        nameof(ScreenRevisionActivity) => this.Screen(),
        nameof(OpenReviewStepActivity) => new StepResult(this.Status, this.Stored.Revision),
        nameof(ConcludeStepActivity) => this.Conclude(Assert.IsType<ConcludeStepRequest>(input)),
        nameof(StepNoticeActivity) => this.Notice(Assert.IsType<StepNoticeRequest>(input)),
        nameof(CloseCommentPeriodActivity) => this.CloseComments(),
        nameof(PublishDisclosureActivity) => this.Publish(Assert.IsType<PublicationRequest>(input)),
        nameof(SettleDisclosureActivity) or nameof(MarkDisclosureFailedActivity) => new StepResult(this.Status, this.Stored.Revision),
        _ => throw new InvalidOperationException($"Unexpected activity {name}."),
    };

    private StepResult Screen()
    {
        if (this.Status == DisclosureStatus.Screening)
        {
            if (this.BlockedRevisions.Contains(this.Stored.Revision))
            {
                this.Stored.ChangeRequests++;
                this.Stored.Status = this.Stored.ChangeRequests > DisclosureLimits.MaxChangeRequests ? nameof(DisclosureStatus.Rejected) : nameof(DisclosureStatus.ChangesRequested);
            }
            else
            {
                this.Stored.Status = nameof(DisclosureStatus.SecurityReview);
            }
        }

        return new StepResult(this.Status, this.Stored.Revision);
    }

    private StepOutcome Conclude(ConcludeStepRequest request)
    {
        var snapshot = new DisclosureSnapshot(this.Stored, [], this.Reviews, [], []);
        ConcludeStepActivity.Apply(snapshot, request);
        return new StepOutcome(snapshot.ReviewOf(request.Revision, request.Step)?.Decision, this.Status, this.Stored.Revision);
    }

    private StepNoticeResult Notice(StepNoticeRequest request) =>
        new(this.Reviews.Any(r => r.Revision == request.Revision && r.Step == request.Step), this.Status);

    private StepResult CloseComments()
    {
        if (this.Status == DisclosureStatus.PublicComment)
        {
            this.Stored.Status = nameof(DisclosureStatus.FinalApproval);
        }

        return new StepResult(this.Status, this.Stored.Revision);
    }

    private PublicationResult Publish(PublicationRequest request)
    {
        if (this.Status == DisclosureStatus.Embargoed || (this.Status == DisclosureStatus.FinalApproval && this.Stored.ApprovedAt is not null))
        {
            this.Stored.Status = nameof(DisclosureStatus.Published);
            this.Stored.PublishedAt = request.At;
        }

        return this.Status == DisclosureStatus.Published
            ? new PublicationResult(true, DisclosureStatus.Published, $"/api/public/disclosures/{Id}")
            : new PublicationResult(false, this.Status, null);
    }

    private void Setup<T>()
    {
        this.context.Setup(c => c.CallActivityAsync<T>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName name, object? input, TaskOptions? options) => this.Activity<T>(name, input, options));
    }

    private Task<T> Activity<T>(TaskName name, object? input, TaskOptions? options)
    {
        this.Options.Add(options);
        this.Record(() => this.activities.Add(new ActivityCall(name.Name, input)));
        if (this.Failing.TryGetValue(name.Name, out int left) && left != 0)
        {
            this.Failing[name.Name] = left - 1;
            return Task.FromException<T>(new TaskFailedException(name.Name, 0, new TaskFailureDetails("InvalidOperationException", $"{name.Name} failed for good.", null, null, null)));
        }

        return Task.FromResult((T)this.Respond(name.Name, input));
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

    private void Record(Action add)
    {
        lock (this.gate)
        {
            add();
        }

        Interlocked.Increment(ref this.interactions);
    }
}
