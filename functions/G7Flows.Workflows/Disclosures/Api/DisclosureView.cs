using System.Text.Json;
using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Disclosures.Publishing;
using G7Flows.Workflows.Disclosures.Screening;
using G7Flows.Workflows.Disclosures.Storage;
using G7Flows.Workflows.Platform.Publishing;
using G7Flows.Workflows.Platform.Security;

namespace G7Flows.Workflows.Disclosures.Api;

/// <summary>A disclosure as <c>GET /api/disclosures/{id}</c> shows it to one caller.</summary>
public sealed record DisclosureView(
    string Id,
    string Nation,
    string Kind,
    string Title,
    string Status,
    int Revision,
    int ChangeRequests,
    string? CurrentStep,
    DateTimeOffset? Due,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    string CommentPeriod,
    DateTimeOffset? CommentPeriodEnds,
    DateTimeOffset? EmbargoUntil,
    string? OutcomeReason,
    IReadOnlyList<ScreeningFinding> Findings,
    int FindingsTotal,
    IReadOnlyList<RevisionView> Revisions,
    IReadOnlyList<ReviewView> Reviews,
    IReadOnlyList<CommentView> Comments,
    int PendingComments,
    ExpenditureView? Expenditure,
    DateTimeOffset? PublishedAt,
    string? PublicAddress,
    string? PublicSha256,
    FailureView? Failure,
    string Body,
    StructuredDocument? Document)
{
    /// <summary>
    /// The view for <paramref name="caller"/>: staff and the nation's approver see every comment with its moderation
    /// state; reviewers see the published ones; civil society the published ones and their organisation's own.
    /// </summary>
    /// <param name="s">The disclosure's partition.</param>
    /// <param name="caller">Who reads it.</param>
    /// <param name="body">The current revision's text, as submitted (Markdown); its structure is rendered from it.</param>
    public static DisclosureView From(DisclosureSnapshot s, Caller caller, string body)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(caller);
        DisclosureEntity d = s.Disclosure;
        RevisionEntity current = s.Current;
        bool seesAll = caller.IsStaff || (caller.IsInRole(Roles.Approver) && caller.Nation == d.Nation);
        IEnumerable<CommentEntity> comments = s.Comments.Where(c =>
            seesAll || c.Moderation == Moderation.Published || (caller.Org is not null && c.Organisation == caller.Org));
        ExpenditureView? expenditure = current.Expenditure is { } json ? ExpenditureView.From(ExpenditureJson.Deserialize(json, d.Nation)) : null;
        return new DisclosureView(
            d.PartitionKey,
            d.Nation,
            d.Kind,
            d.Title,
            d.Status,
            d.Revision,
            d.ChangeRequests,
            d.CurrentStep,
            d.StepDue,
            d.CreatedAt,
            d.CreatedBy,
            d.CommentPeriod,
            d.CommentPeriodEnds,
            d.EmbargoUntil,
            d.OutcomeReason,
            FindingsOf(current),
            current.FindingsTotal ?? 0,
            [.. s.Revisions.Select(r => new RevisionView(r.Number, r.SubmittedAt, r.SubmittedBy, r.BodyLength, r.BodySha256, r.ScreenedAt, r.FindingsTotal, r.Blocked))],
            [.. s.Reviews.Select(r => new ReviewView(r.Step, r.Revision, r.Decision, r.Comment, r.Reviewer, r.ReviewedAt, r.ActedAt))],
            [.. comments.Select(c => new CommentView(c.CommentId, c.Organisation, c.Text, c.PostedAt, c.Moderation, seesAll ? c.ModeratedBy : null, c.ModeratedAt, seesAll ? c.ModerationReason : null))],
            s.PendingComments,
            expenditure,
            d.PublishedAt,
            d.PublicPath,
            d.PublicSha256,
            d.FailedAt is null ? null : new FailureView(d.FailedStep, d.FailureReason, d.FailedAt),
            body,
            MarkdownStructure.TryBuild(body));
    }

    private static IReadOnlyList<ScreeningFinding> FindingsOf(RevisionEntity r) =>
        r.Findings is null ? [] : JsonSerializer.Deserialize<List<ScreeningFinding>>(r.Findings, Json.Options) ?? [];
}

/// <summary>One revision in the revisions index.</summary>
public sealed record RevisionView(int Number, DateTimeOffset SubmittedAt, string SubmittedBy, int Length, string Sha256, DateTimeOffset? ScreenedAt, int? Findings, bool? Blocked);

/// <summary>A review answer.</summary>
public sealed record ReviewView(string Step, int Revision, string Decision, string? Comment, string Reviewer, DateTimeOffset ReviewedAt, DateTimeOffset? ActedAt);

/// <summary>A comment with its moderation state.</summary>
public sealed record CommentView(string Id, string Organisation, string Text, DateTimeOffset PostedAt, string Moderation, string? ModeratedBy, DateTimeOffset? ModeratedAt, string? Reason);

/// <summary>A workflow step that failed for good.</summary>
public sealed record FailureView(string? Step, string? Reason, DateTimeOffset? At);

/// <summary>An expenditure report with the figures computed from it and NATO's guidelines beside them.</summary>
public sealed record ExpenditureView(
    ExpenditureReport Report,
    IReadOnlyDictionary<string, decimal> TotalsByCategory,
    IReadOnlyDictionary<string, decimal> TotalsByForceGroup,
    decimal Total,
    decimal ShareOfGdp,
    decimal? EquipmentShare,
    decimal GdpGuideline,
    decimal EquipmentGuideline,
    bool MeetsGdpGuideline,
    bool MeetsEquipmentGuideline)
{
    public static ExpenditureView From(ExpenditureReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        ExpenditureFigures f = ExpenditureFigures.Compute(report);
        return new ExpenditureView(
            report, f.ByCategory, f.ByForceGroup, f.Total, f.ShareOfGdp, f.EquipmentShare,
            ExpenditureGuidelines.GdpShare, ExpenditureGuidelines.EquipmentShare, f.MeetsGdpGuideline, f.MeetsEquipmentGuideline);
    }
}
