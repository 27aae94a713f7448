namespace G7Flows.Workflows.Disclosures.Domain;

/// <summary>Where a disclosure stands. The names are the wire names of <c>status</c>.</summary>
public enum DisclosureStatus
{
    /// <summary>The current revision is being screened automatically.</summary>
    Screening,

    /// <summary>Sent back to the submitter (a blocking screening finding, or a reviewer asked for changes): waits for a revision.</summary>
    ChangesRequested,

    /// <summary>Waits for the nation's security reviewer.</summary>
    SecurityReview,

    /// <summary>Waits for a human-rights reviewer.</summary>
    HumanRightsReview,

    /// <summary>Open for civil-society comments until the comment period ends.</summary>
    PublicComment,

    /// <summary>Waits for the nation's approver, who sees the moderated comments.</summary>
    FinalApproval,

    /// <summary>Approved; waits for its embargo to pass before publication. Staff may still withdraw it.</summary>
    Embargoed,

    /// <summary>Public: written to the public container and listed in the public index.</summary>
    Published,

    /// <summary>Rejected by a reviewer or the approver, or after more revisions than allowed.</summary>
    Rejected,

    /// <summary>Withdrawn by staff before publication.</summary>
    Withdrawn,
}

/// <summary>Facts about statuses that the API, the store and the workflow share.</summary>
public static class DisclosureStatuses
{
    /// <summary>True once nothing more happens to the disclosure.</summary>
    public static bool IsFinal(DisclosureStatus status) => status is DisclosureStatus.Published or DisclosureStatus.Rejected or DisclosureStatus.Withdrawn;

    /// <summary>The status in which <paramref name="step"/> (a <see cref="Platform.Security.ReviewSteps"/> name) is answered.</summary>
    public static DisclosureStatus OfStep(string step) => step switch
    {
        Platform.Security.ReviewSteps.Security => DisclosureStatus.SecurityReview,
        Platform.Security.ReviewSteps.HumanRights => DisclosureStatus.HumanRightsReview,
        Platform.Security.ReviewSteps.Final => DisclosureStatus.FinalApproval,
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Not a review step."),
    };

    /// <summary>The review step answered in <paramref name="status"/>, or null when no person reviews in it.</summary>
    public static string? StepOf(DisclosureStatus status) => status switch
    {
        DisclosureStatus.SecurityReview => Platform.Security.ReviewSteps.Security,
        DisclosureStatus.HumanRightsReview => Platform.Security.ReviewSteps.HumanRights,
        DisclosureStatus.FinalApproval => Platform.Security.ReviewSteps.Final,
        _ => null,
    };

    /// <summary>Parses a stored status name.</summary>
    public static DisclosureStatus Parse(string name) => Enum.Parse<DisclosureStatus>(name);

    /// <summary>Reads a status name as a client may write it (any case, names only, never numbers or flags).</summary>
    public static bool TryParseName(string? text, out DisclosureStatus status)
    {
        status = default;
        string? name = Enum.GetNames<DisclosureStatus>().FirstOrDefault(n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
        if (name is null)
        {
            return false;
        }

        status = Enum.Parse<DisclosureStatus>(name);
        return true;
    }
}
