

namespace G7Flows.Workflows.Platform.Security;

/// <summary>Everything a caller can ask G7Flows to do.</summary>
public enum ApiAction
{
    StartConsultation,
    ListConsultations,
    ReadConsultation,
    ReadRecord,
    Respond,
    Withdraw,
    Extend,
    ListTasks,

    /// <summary>List and repair disagreements between G7Flows' tables and the durable engine.</summary>
    Reconcile,

    /// <summary>Ask for a period's report (reading published reports needs no caller).</summary>
    TriggerReport,

    /// <summary>Submit a transparency disclosure.</summary>
    SubmitDisclosure,

    /// <summary>List disclosures.</summary>
    ListDisclosures,

    /// <summary>Read one disclosure (its scope says whose it is and where it stands).</summary>
    ReadDisclosure,

    /// <summary>Post a new revision of a disclosure sent back for changes.</summary>
    ReviseDisclosure,

    /// <summary>Answer a review step of a disclosure (security, human-rights or final).</summary>
    ReviewDisclosure,

    /// <summary>Comment on a disclosure in its public comment period.</summary>
    CommentOnDisclosure,

    /// <summary>Publish or reject a civil-society comment.</summary>
    ModerateComment,

    /// <summary>Withdraw a disclosure before publication.</summary>
    WithdrawDisclosure,

    /// <summary>Read a workflow's audit trail and its verification.</summary>
    ReadAudit,
}

/// <summary>The review steps of a disclosure, by their wire names (the <c>{step}</c> of the review route).</summary>
public static class ReviewSteps
{
    public const string Security = "security";
    public const string HumanRights = "human-rights";
    public const string Final = "final";

    /// <summary>Every step, in the order a disclosure goes through them.</summary>
    public static IReadOnlyList<string> All { get; } = [Security, HumanRights, Final];

    /// <summary>The role that answers <paramref name="step"/>, or null for an unknown step.</summary>
    public static string? RoleOf(string? step) => step switch
    {
        Security => Roles.SecurityReviewer,
        HumanRights => Roles.HumanRightsReviewer,
        Final => Roles.Approver,
        _ => null,
    };

    /// <summary>True when the step's reviewer acts for one nation only (security and final); human rights reviews every nation's.</summary>
    public static bool IsNational(string step) => step is Security or Final;
}

/// <summary>
/// What the authorizer needs to know about one disclosure: whose it is, whether it is open for public comment, the step
/// being answered and, for a moderation, who wrote the comment. Known only once the disclosure is read; a first check
/// without it decides on the role alone.
/// </summary>
/// <param name="Nation">The disclosing nation.</param>
/// <param name="InPublicComment">True while the disclosure is in its public comment period.</param>
/// <param name="Step">For a review: the step answered (one of <see cref="ReviewSteps"/>).</param>
/// <param name="CommentAuthor">For a moderation: the subject of the comment's author.</param>
public sealed record DisclosureScope(string? Nation, bool InPublicComment = false, string? Step = null, string? CommentAuthor = null);

/// <summary>The answer of <see cref="Authorizer"/>: allowed, or refused with a status (401 or 403) and a reason.</summary>
public sealed record AuthorizationDecision(bool Allowed, int Status, string Reason)
{
    public static AuthorizationDecision Allow { get; } = new(true, 200, "Allowed.");

    public static AuthorizationDecision Unauthenticated { get; } = new(false, 401, "A valid bearer token is required.");

    public static AuthorizationDecision Forbid(string reason) => new(false, 403, reason);
}

/// <summary>
/// Who may do what, in one place. Staff (and admins) run consultations and read everything; a reviewer
/// sees and answers only for their own nation, and only where that nation takes part. Nobody answers
/// for a nation that is not theirs: not staff, not admins.
/// </summary>
public static class Authorizer
{
    /// <param name="caller">The caller, or null when unauthenticated.</param>
    /// <param name="action">What they ask to do.</param>
    /// <param name="nation">For <see cref="ApiAction.Respond"/>: the nation they answer for.</param>
    /// <param name="participants">For actions on one consultation: its participants, once known.</param>
    /// <param name="disclosure">For actions on a disclosure: what is known of it (null before it is read).</param>
    public static AuthorizationDecision Decide(Caller? caller, ApiAction action, string? nation = null, IReadOnlyCollection<string>? participants = null, DisclosureScope? disclosure = null)
    {
        if (caller is null)
        {
            return AuthorizationDecision.Unauthenticated;
        }

        bool reviewer = caller.IsInRole(Roles.Reviewer);
        switch (action)
        {
            case ApiAction.StartConsultation:
            case ApiAction.ListConsultations:
            case ApiAction.Withdraw:
            case ApiAction.Extend:
            case ApiAction.TriggerReport:
            case ApiAction.ReadAudit:
                return caller.IsStaff ? AuthorizationDecision.Allow : AuthorizationDecision.Forbid("Only staff may do this.");

            case ApiAction.ReadConsultation:
            case ApiAction.ReadRecord:
                if (caller.IsStaff)
                {
                    return AuthorizationDecision.Allow;
                }

                if (!reviewer || caller.Nation is null)
                {
                    return AuthorizationDecision.Forbid("Only staff and reviewers of participating nations may read a consultation.");
                }

                return participants is null || participants.Contains(caller.Nation)
                    ? AuthorizationDecision.Allow
                    : AuthorizationDecision.Forbid($"{caller.Nation} does not take part in this consultation.");

            case ApiAction.ListTasks:
                return HasInbox(caller)
                    ? AuthorizationDecision.Allow
                    : AuthorizationDecision.Forbid("Only reviewers and approvers (with their nation where their role needs one) have review tasks.");

            case ApiAction.Respond:
                if (!reviewer || caller.Nation is null)
                {
                    return AuthorizationDecision.Forbid("Only a nation's reviewer may answer for it.");
                }

                if (!string.Equals(caller.Nation, nation, StringComparison.Ordinal))
                {
                    return AuthorizationDecision.Forbid($"You review for {caller.Nation}; you may not answer for {(Nations.IsKnown(nation) ? nation : "another nation")}.");
                }

                return participants is null || participants.Contains(caller.Nation)
                    ? AuthorizationDecision.Allow
                    : AuthorizationDecision.Forbid($"{caller.Nation} does not take part in this consultation.");

            case ApiAction.Reconcile:
                return caller.IsInRole(Roles.Admin) ? AuthorizationDecision.Allow : AuthorizationDecision.Forbid("Only admins may repair workflows.");

            case ApiAction.SubmitDisclosure:
            case ApiAction.ListDisclosures:
            case ApiAction.ReviseDisclosure:
            case ApiAction.WithdrawDisclosure:
            case ApiAction.ReadDisclosure:
            case ApiAction.ReviewDisclosure:
            case ApiAction.CommentOnDisclosure:
            case ApiAction.ModerateComment:
                return DisclosureAuthorizer.Decide(caller, action, disclosure);

            default:
                return AuthorizationDecision.Forbid("Unknown action.");
        }
    }

    /// <summary>
    /// True for a caller with an inbox of review tasks: a consultation reviewer with a nation, a security reviewer or an
    /// approver with a nation, or a human-rights reviewer.
    /// </summary>
    public static bool HasInbox(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        bool national = caller.Nation is not null;
        return (national && (caller.IsInRole(Roles.Reviewer) || caller.IsInRole(Roles.SecurityReviewer) || caller.IsInRole(Roles.Approver)))
            || caller.IsInRole(Roles.HumanRightsReviewer);
    }
}
