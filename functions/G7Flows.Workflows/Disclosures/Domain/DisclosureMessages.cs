namespace G7Flows.Workflows.Disclosures.Domain;

/// <summary>How long each review step has before it is overdue.</summary>
public sealed record StepDurations(TimeSpan Security, TimeSpan HumanRights, TimeSpan Final)
{
    /// <summary>The settings' defaults: five days for the security and human-rights reviews, three for final approval.</summary>
    public static StepDurations Defaults { get; } = new(TimeSpan.FromDays(5), TimeSpan.FromDays(5), TimeSpan.FromDays(3));

    /// <summary>The time <paramref name="step"/> has.</summary>
    public TimeSpan For(string step) => step switch
    {
        Platform.Security.ReviewSteps.Security => this.Security,
        Platform.Security.ReviewSteps.HumanRights => this.HumanRights,
        Platform.Security.ReviewSteps.Final => this.Final,
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Not a review step."),
    };
}

/// <summary>The input of a disclosure orchestration: what it needs to run without reading storage.</summary>
/// <param name="Revision">The revision it starts with (1).</param>
/// <param name="CommentPeriod">How long civil society may comment.</param>
/// <param name="EmbargoUntil">Not published before this time (UTC), if set.</param>
/// <param name="Due">How long each review step has.</param>
public sealed record DisclosureInput(
    string DisclosureId,
    string Nation,
    string Title,
    int Revision,
    TimeSpan CommentPeriod,
    DateTime? EmbargoUntil,
    StepDurations Due);

/// <summary>The names of the external events a disclosure orchestration waits for.</summary>
public static class DisclosureEvents
{
    public const string Review = nameof(Review);
    public const string Revision = nameof(Revision);
    public const string Withdraw = nameof(Withdraw);
}

/// <summary>A review answer was stored for <paramref name="Step"/> of <paramref name="Revision"/>: the orchestration acts on what is stored.</summary>
public sealed record ReviewEvent(string Step, int Revision, string Decision);

/// <summary>Staff stored revision <paramref name="Revision"/>: screening starts again.</summary>
public sealed record RevisionEvent(int Revision);

/// <summary>Staff withdrew the disclosure (the withdrawal is stored already).</summary>
public sealed record DisclosureWithdrawEvent(string RequestedBy, DateTime RequestedAt);

/// <summary>Screen <paramref name="Revision"/> of a disclosure, at <paramref name="At"/>.</summary>
public sealed record ScreeningRequest(string DisclosureId, int Revision, DateTime At);

/// <summary>Where a disclosure stands after a step of the workflow.</summary>
/// <param name="Status">Its status as stored.</param>
/// <param name="Revision">Its current revision as stored.</param>
public sealed record StepResult(DisclosureStatus Status, int Revision);

/// <summary>Open <paramref name="Step"/> for <paramref name="Revision"/>: a task in the step's inbox, due at <paramref name="Due"/>.</summary>
public sealed record OpenStepRequest(string DisclosureId, string Step, int Revision, DateTime OpenedAt, DateTime Due);

/// <summary>Act on the answer stored for <paramref name="Step"/> of <paramref name="Revision"/>, at <paramref name="At"/>.</summary>
/// <param name="CommentPeriodEnds">When a human-rights approval opens the comment period, when it ends.</param>
/// <param name="EmbargoUntil">For a final approval: the embargo, if any.</param>
public sealed record ConcludeStepRequest(string DisclosureId, string Step, int Revision, DateTime At, DateTime CommentPeriodEnds, DateTime? EmbargoUntil);

/// <summary>What the stored answer was (null when none is stored yet) and where the disclosure now stands.</summary>
public sealed record StepOutcome(string? Decision, DisclosureStatus Status, int Revision);

/// <summary>Whether a reminder or an escalation is sent.</summary>
public enum NoticeKind
{
    /// <summary>To the step's reviewers, before the step is due.</summary>
    Reminder,

    /// <summary>To staff, once the step is overdue.</summary>
    Escalation,
}

/// <summary>Remind the step's reviewers, or escalate to staff, about <paramref name="Step"/> of <paramref name="Revision"/>.</summary>
public sealed record StepNoticeRequest(string DisclosureId, string Step, int Revision, NoticeKind Kind, DateTime Due, DateTime At);

/// <summary>Whether the step had been answered already when the notice was due (its event may have been lost).</summary>
public sealed record StepNoticeResult(bool Answered, DisclosureStatus Status);

/// <summary>End the comment period at <paramref name="At"/>: final approval opens.</summary>
public sealed record CommentPeriodRequest(string DisclosureId, DateTime At);

/// <summary>Publish the disclosure at <paramref name="At"/> through the publisher.</summary>
public sealed record PublicationRequest(string DisclosureId, DateTime At);

/// <summary>What publication did: published (with the public path), or found the disclosure withdrawn first.</summary>
public sealed record PublicationResult(bool Published, DisclosureStatus Status, string? PublicPath);

/// <summary>Settle a disclosure that ended without publication (rejected or withdrawn): no task left, listing up to date.</summary>
public sealed record SettleRequest(string DisclosureId, DateTime At);

/// <summary>A workflow that could not go on: what failed, for the disclosure row and staff.</summary>
public sealed record DisclosureFailure(string DisclosureId, string Step, string Reason, DateTime FailedAt);

/// <summary>The result of a disclosure orchestration.</summary>
public sealed record DisclosureResult(string DisclosureId, DisclosureStatus Status, int Revision, string? PublicPath, string? Failure = null);
