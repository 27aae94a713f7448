namespace G7Flows.Workflows.Platform.Security;

/// <summary>
/// Who may do what with transparency disclosures. Staff (and admins) submit, revise, moderate, withdraw and read
/// everything. A security reviewer and an approver act on their own step of their own nation's disclosures, a
/// human-rights reviewer on the human-rights step of any nation's, and each reads the disclosures they act on. Civil
/// society read and comment on what is in public comment. Nobody reviews a step that is not theirs; nobody moderates
/// their own comment.
/// </summary>
internal static class DisclosureAuthorizer
{
    public static AuthorizationDecision Decide(Caller caller, ApiAction action, DisclosureScope? scope)
    {
        switch (action)
        {
            case ApiAction.SubmitDisclosure:
            case ApiAction.ListDisclosures:
            case ApiAction.ReviseDisclosure:
            case ApiAction.WithdrawDisclosure:
                return caller.IsStaff ? AuthorizationDecision.Allow : AuthorizationDecision.Forbid("Only staff may do this.");

            case ApiAction.ModerateComment:
                if (!caller.IsStaff)
                {
                    return AuthorizationDecision.Forbid("Only staff moderate comments.");
                }

                return scope?.CommentAuthor is { } author && string.Equals(author, caller.Subject, StringComparison.Ordinal)
                    ? AuthorizationDecision.Forbid("Nobody moderates their own comment.")
                    : AuthorizationDecision.Allow;

            case ApiAction.ReviewDisclosure:
                return Review(caller, scope);

            case ApiAction.CommentOnDisclosure:
                if (!caller.IsInRole(Roles.CivilSociety) || caller.Org is null)
                {
                    return AuthorizationDecision.Forbid("Only a civil-society organisation (a civil-society caller with one organisation) may comment.");
                }

                return AuthorizationDecision.Allow;

            case ApiAction.ReadDisclosure:
                return Read(caller, scope);

            default:
                return AuthorizationDecision.Forbid("Unknown action.");
        }
    }

    private static AuthorizationDecision Review(Caller caller, DisclosureScope? scope)
    {
        string? step = scope?.Step;
        string? role = ReviewSteps.RoleOf(step);
        if (role is null)
        {
            return AuthorizationDecision.Forbid($"Name a review step: {string.Join(", ", ReviewSteps.All)}.");
        }

        if (!caller.IsInRole(role))
        {
            return AuthorizationDecision.Forbid($"The {step} step is answered by a {role}; you are not one.");
        }

        if (!ReviewSteps.IsNational(step!))
        {
            return AuthorizationDecision.Allow;
        }

        if (caller.Nation is null)
        {
            return AuthorizationDecision.Forbid($"A {role} acts for one nation; your token names none (or several).");
        }

        return scope!.Nation is null || string.Equals(scope.Nation, caller.Nation, StringComparison.Ordinal)
            ? AuthorizationDecision.Allow
            : AuthorizationDecision.Forbid($"You act for {caller.Nation}; this disclosure is {scope.Nation}'s.");
    }

    private static AuthorizationDecision Read(Caller caller, DisclosureScope? scope)
    {
        if (caller.IsStaff || caller.IsInRole(Roles.HumanRightsReviewer))
        {
            return AuthorizationDecision.Allow;
        }

        bool national = caller.Nation is not null && (caller.IsInRole(Roles.SecurityReviewer) || caller.IsInRole(Roles.Approver));
        if (national && (scope?.Nation is null || string.Equals(scope.Nation, caller.Nation, StringComparison.Ordinal)))
        {
            return AuthorizationDecision.Allow;
        }

        if (caller.IsInRole(Roles.CivilSociety) && caller.Org is not null && (scope is null || scope.InPublicComment))
        {
            return AuthorizationDecision.Allow;
        }

        return AuthorizationDecision.Forbid(national
            ? $"You act for {caller.Nation}; this disclosure is {scope?.Nation}'s."
            : "Only staff, the disclosure's reviewers and approver, and (during its public comment period) civil society may read a disclosure.");
    }
}
