using G7Flows.Workflows.Platform.Security;

namespace G7Flows.Workflows.Platform.Tasks;

/// <summary>
/// The assignee groups of the shared review-task table (its partitions), and which of them a caller reads. A
/// consultation reviewer's group is their nation; a security reviewer's <c>security-reviewer:FR</c>; an approver's
/// <c>approver:FR</c>; every human-rights reviewer shares <c>human-rights-reviewer</c>.
/// </summary>
public static class InboxGroups
{
    /// <summary>The group that answers <paramref name="step"/> of a disclosure of <paramref name="nation"/>.</summary>
    public static string ForStep(string step, string nation) => step switch
    {
        ReviewSteps.Security => $"{Roles.SecurityReviewer}:{nation}",
        ReviewSteps.HumanRights => Roles.HumanRightsReviewer,
        ReviewSteps.Final => $"{Roles.Approver}:{nation}",
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Not a review step."),
    };

    /// <summary>Every group whose tasks are the caller's: one query per group, each a single partition.</summary>
    public static IReadOnlyList<string> Of(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var groups = new List<string>();
        if (caller.Nation is { } nation)
        {
            if (caller.IsInRole(Roles.Reviewer))
            {
                groups.Add(nation);
            }

            if (caller.IsInRole(Roles.SecurityReviewer))
            {
                groups.Add(ForStep(ReviewSteps.Security, nation));
            }

            if (caller.IsInRole(Roles.Approver))
            {
                groups.Add(ForStep(ReviewSteps.Final, nation));
            }
        }

        if (caller.IsInRole(Roles.HumanRightsReviewer))
        {
            groups.Add(Roles.HumanRightsReviewer);
        }

        return groups;
    }
}
