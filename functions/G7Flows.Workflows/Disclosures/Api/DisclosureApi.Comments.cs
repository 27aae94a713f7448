using Azure.Data.Tables;
using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Disclosures.Storage;
using G7Flows.Workflows.Platform.Http;
using G7Flows.Workflows.Platform.Publishing;
using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Platform.Storage;
using Microsoft.AspNetCore.Http;
using static G7Flows.Workflows.Platform.Http.HandlerSupport;

namespace G7Flows.Workflows.Disclosures.Api;

/// <summary>Civil-society comments and their moderation.</summary>
public sealed partial class DisclosureApi
{
    /// <summary><c>POST /api/disclosures/{id}/comments</c>: civil society, during the comment period, at most 20 per organisation.</summary>
    public Task<IResult> CommentAsync(HttpRequest request, string id) => this.GuardAsync(async ct =>
    {
        Caller? caller = Caller.FromPrincipal(request.HttpContext.User);
        if (Refused(Authorizer.Decide(caller, ApiAction.CommentOnDisclosure, disclosure: new DisclosureScope(null))) is { } refused)
        {
            return refused;
        }

        var (body, _, problem) = await RequestReader.ReadJsonAsync<CommentRequest>(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        string? text = body!.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > DisclosureLimits.MaxCommentLength)
        {
            return Problems.Validation("text", "Give the comment as plain text of 1 to 5,000 characters.");
        }

        if (!TextRules.IsCleanText(text))
        {
            return Problems.Validation("text", "The comment may not contain control characters (other than line breaks and tabs) or invalid Unicode.");
        }

        if (!DisclosureIds.IsWellFormed(id) || await store.GetAsync(id, ct) is not { } snapshot)
        {
            return NotFound();
        }

        string org = caller!.Org!;
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            DisclosureEntity d = snapshot.Disclosure;
            DateTimeOffset now = this.Now();
            if (snapshot.Status != DisclosureStatus.PublicComment || d.CommentPeriodEnds is not { } ends || now >= ends)
            {
                return Conflict(
                    "comment-period-closed",
                    snapshot.Status is DisclosureStatus.PublicComment or DisclosureStatus.FinalApproval or DisclosureStatus.Embargoed or DisclosureStatus.Published
                        ? $"The comment period ended at {d.CommentPeriodEnds:O}; this comment is not taken."
                        : $"The disclosure is not open for comment ({d.Status}).",
                    new Dictionary<string, object?> { ["disclosureStatus"] = d.Status, ["commentPeriodEnds"] = d.CommentPeriodEnds });
            }

            int count = snapshot.CountOf(org);
            if (count >= DisclosureLimits.MaxCommentsPerOrganisation)
            {
                return Problems.Problem(
                    StatusCodes.Status429TooManyRequests,
                    "comment-limit-reached",
                    "Too many comments from this organisation.",
                    $"An organisation may post at most {DisclosureLimits.MaxCommentsPerOrganisation} comments on one disclosure; {org} has posted {count}.",
                    new Dictionary<string, object?> { ["limit"] = DisclosureLimits.MaxCommentsPerOrganisation, ["posted"] = count });
            }

            var comment = new CommentEntity
            {
                PartitionKey = id,
                CommentId = DisclosureIds.NewComment(),
                Organisation = org,
                Author = caller.Name,
                AuthorSubject = caller.Subject,
                Text = text,
                PostedAt = now,
            };
            comment.RowKey = CommentEntity.ConstructRowKey(comment.CommentId);
            OrganisationCountEntity? counter = snapshot.Counts.FirstOrDefault(c => c.RowKey == OrganisationCountEntity.ConstructRowKey(org));
            TableTransactionAction counting = counter is null
                ? new(TableTransactionActionType.Add, new OrganisationCountEntity { PartitionKey = id, RowKey = OrganisationCountEntity.ConstructRowKey(org), Organisation = org, Count = 1 })
                : new(TableTransactionActionType.UpdateReplace, new OrganisationCountEntity { PartitionKey = id, RowKey = counter.RowKey, Organisation = org, Count = counter.Count + 1 }, counter.ETag);
            d.LastChangeAt = now;
            if (await store.TryCommitAsync(d, [new TableTransactionAction(TableTransactionActionType.Add, comment), counting], ct))
            {
                await audit.AppendAsync(
                    new AuditEntry(id, now, caller.Name, "comment-posted", Source(request), $"comment-{comment.CommentId}", null, $"{org}: comment {comment.CommentId} ({text.Length} characters)."),
                    ct);
                request.HttpContext.Response.Headers.Location = $"/{ApiRoute.Prefix}/disclosures/{id}";
                return TypedResults.Json(
                    new { id = comment.CommentId, disclosureId = id, organisation = org, moderation = comment.Moderation, postedAt = now },
                    Json.Options,
                    statusCode: StatusCodes.Status202Accepted);
            }

            await BackOffAsync(attempt, ct);
            snapshot = await store.GetAsync(id, ct) ?? throw new InvalidOperationException($"Disclosure {id} disappeared.");
        }

        return Problems.Unavailable("The disclosure was too busy to store the comment; nothing was stored. Send it again.");
    });

    /// <summary><c>POST /api/disclosures/{id}/comments/{commentId}/moderation</c>: staff publish or reject a comment (not their own).</summary>
    public Task<IResult> ModerateAsync(HttpRequest request, string id, string commentId) => this.GuardAsync(async ct =>
    {
        Caller? caller = Caller.FromPrincipal(request.HttpContext.User);
        if (Refused(Authorizer.Decide(caller, ApiAction.ModerateComment, disclosure: new DisclosureScope(null))) is { } refused)
        {
            return refused;
        }

        var (body, _, problem) = await RequestReader.ReadJsonAsync<ModerationRequest>(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        if (body!.Decision is not (Moderation.Publish or Moderation.Reject))
        {
            errors["decision"] = [$"Use one of: {Moderation.Publish}, {Moderation.Reject}."];
        }

        string? reason = body.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            reason = null;
            if (body.Decision == Moderation.Reject)
            {
                errors["reason"] = ["Say why the comment is rejected."];
            }
        }
        else if (reason.Length > 2_000 || !TextRules.IsCleanText(reason))
        {
            errors["reason"] = ["A reason is plain text of at most 2,000 characters, without control characters."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (!DisclosureIds.IsWellFormed(id) || await store.GetAsync(id, ct) is not { } snapshot)
        {
            return NotFound();
        }

        string state = body.Decision == Moderation.Publish ? Moderation.Published : Moderation.Rejected;
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (!DisclosureIds.IsWellFormedComment(commentId) || snapshot.CommentOf(commentId) is not { } comment)
            {
                return Problems.NotFound("This disclosure has no comment with this id.");
            }

            if (Refused(Authorizer.Decide(caller, ApiAction.ModerateComment, disclosure: ScopeOf(snapshot, commentAuthor: comment.AuthorSubject))) is { } own)
            {
                return own;
            }

            if (comment.Moderation != Moderation.Pending)
            {
                return comment.Moderation == state && comment.ModerationReason == reason
                    ? Moderated(id, comment)
                    : Conflict("already-moderated", $"This comment was {comment.Moderation} already by {comment.ModeratedBy} at {comment.ModeratedAt:O}.", StatusOf(snapshot));
            }

            DisclosureEntity d = snapshot.Disclosure;
            if (snapshot.Status is not (DisclosureStatus.PublicComment or DisclosureStatus.FinalApproval) || d.ApprovedAt is not null)
            {
                return Conflict("moderation-closed", $"Comments are moderated until final approval; the disclosure is {d.Status}.", StatusOf(snapshot));
            }

            DateTimeOffset now = this.Now();
            comment.Moderation = state;
            comment.ModeratedBy = caller!.Name;
            comment.ModeratedAt = now;
            comment.ModerationReason = reason;
            d.LastChangeAt = now;
            if (await store.TryCommitAsync(d, [new TableTransactionAction(TableTransactionActionType.UpdateReplace, comment, comment.ETag)], ct))
            {
                // A rejected comment stays in the audit trail, text and all; it is never shown publicly.
                await audit.AppendAsync(
                    new AuditEntry(id, now, caller.Name, state == Moderation.Published ? "comment-published" : "comment-rejected", Source(request), $"moderation-{commentId}", null,
                        state == Moderation.Published
                            ? $"{comment.Organisation}: comment {commentId} published."
                            : $"{comment.Organisation}: comment {commentId} rejected ({reason}). Text: {comment.Text}"),
                    ct);
                return Moderated(id, comment);
            }

            await BackOffAsync(attempt, ct);
            snapshot = await store.GetAsync(id, ct) ?? throw new InvalidOperationException($"Disclosure {id} disappeared.");
        }

        return Problems.Unavailable("The disclosure was too busy to store the moderation; nothing was stored. Send it again.");
    });

    private static IResult Moderated(string id, CommentEntity c) => TypedResults.Json(
        new { id = c.CommentId, disclosureId = id, moderation = c.Moderation, reason = c.ModerationReason, moderatedBy = c.ModeratedBy, moderatedAt = c.ModeratedAt },
        Json.Options);
}
