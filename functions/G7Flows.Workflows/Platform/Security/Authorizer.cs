

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
}

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
    public static AuthorizationDecision Decide(Caller? caller, ApiAction action, string? nation = null, IReadOnlyCollection<string>? participants = null)
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
                return reviewer && caller.Nation is not null
                    ? AuthorizationDecision.Allow
                    : AuthorizationDecision.Forbid("Only a reviewer with a nation has review tasks.");

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

            default:
                return AuthorizationDecision.Forbid("Unknown action.");
        }
    }
}
