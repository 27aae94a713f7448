namespace G7Flows.Workflows.Disclosures.Domain;

/// <summary>The kinds of disclosure, by their wire names.</summary>
public static class DisclosureKinds
{
    public const string DefencePolicy = "defence-policy";
    public const string MilitaryExpenditure = "military-expenditure";
    public const string ExerciseReport = "exercise-report";
    public const string ArmsTransferSummary = "arms-transfer-summary";

    public static IReadOnlyList<string> All { get; } = [DefencePolicy, MilitaryExpenditure, ExerciseReport, ArmsTransferSummary];

    public static bool IsKnown(string? kind) => kind is not null && All.Contains(kind, StringComparer.Ordinal);
}

/// <summary>A reviewer's answers, by their wire names.</summary>
public static class ReviewDecisions
{
    public const string Approve = "approve";
    public const string RequestChanges = "request-changes";
    public const string Reject = "reject";

    /// <summary>The answers a step allows: final approval cannot send a disclosure back for changes.</summary>
    public static IReadOnlyList<string> For(string step) =>
        step == Platform.Security.ReviewSteps.Final ? [Approve, Reject] : [Approve, RequestChanges, Reject];
}

/// <summary>A comment's moderation state and staff's answers, by their wire names.</summary>
public static class Moderation
{
    /// <summary>Posted, not moderated yet: it blocks final approval.</summary>
    public const string Pending = "pending";

    /// <summary>Shown publicly.</summary>
    public const string Published = "published";

    /// <summary>Kept in the audit trail, never shown publicly.</summary>
    public const string Rejected = "rejected";

    /// <summary>Staff's decision <c>publish</c>.</summary>
    public const string Publish = "publish";

    /// <summary>Staff's decision <c>reject</c>.</summary>
    public const string Reject = "reject";
}

/// <summary>The limits of the disclosure workflow.</summary>
public static class DisclosureLimits
{
    /// <summary>The longest body, in characters.</summary>
    public const int MaxBodyLength = 200_000;

    /// <summary>The longest civil-society comment, in characters.</summary>
    public const int MaxCommentLength = 5_000;

    /// <summary>How many comments one organisation may post on one disclosure.</summary>
    public const int MaxCommentsPerOrganisation = 20;

    /// <summary>How many times a disclosure may be sent back for changes; the next request for changes rejects it.</summary>
    public const int MaxChangeRequests = 10;

    /// <summary>The shortest comment period.</summary>
    public static TimeSpan MinCommentPeriod { get; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest comment period.</summary>
    public static TimeSpan MaxCommentPeriod { get; } = TimeSpan.FromDays(60);

    /// <summary>The furthest an embargo may lie ahead.</summary>
    public static TimeSpan MaxEmbargo { get; } = TimeSpan.FromDays(366);
}
