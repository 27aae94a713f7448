using Azure.Data.Tables;
using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Disclosures.Publishing;
using G7Flows.Workflows.Disclosures.Storage;
using G7Flows.Workflows.Platform.Storage;
using G7Flows.Workflows.Platform.Testing;
using Microsoft.DurableTask;
using G7Flows.Workflows.Reports.Facts;

namespace G7Flows.Workflows.Disclosures.Workflow;

/// <summary>
/// Publishes an approved disclosure whose embargo has passed: first marks it <c>Published</c> under the row's ETag (so
/// a withdrawal is either stored before, and nothing is published, or refused after), then hands the approved revision
/// with its published comments, figures and the head hash of its audit chain to <see cref="IDisclosurePublisher"/> and stores where it went. Idempotent:
/// a retry builds the same document (the publication time is stored) and the publisher writes nothing new. The
/// disclosure's report fact is written last.
/// </summary>
public sealed class PublishDisclosureActivity(DisclosureStore store, AuditLog audit, IDisclosurePublisher publisher, FactRecorder facts, FaultInjector faults)
    : TaskActivity<PublicationRequest, PublicationResult>
{
    public override async Task<PublicationResult> RunAsync(TaskActivityContext context, PublicationRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        faults.OnCrashPoint(CrashPoints.BeforePublish);
        faults.OnActivity(nameof(PublishDisclosureActivity));
        // The chain's head when the disclosure is marked published is stored with that change, so a retry publishes the same document.
        AuditHeadEntity? head = await audit.ReadHeadAsync(input.DisclosureId);
        DisclosureSnapshot s = await store.UpdateAsync(input.DisclosureId, s =>
        {
            DisclosureEntity d = s.Disclosure;
            bool approved = s.Status == DisclosureStatus.Embargoed || (s.Status == DisclosureStatus.FinalApproval && d.ApprovedAt is not null);
            if (!approved)
            {
                return null;
            }

            d.Status = nameof(DisclosureStatus.Published);
            d.PublishedAt = input.At;
            d.ClosedAt = input.At;
            d.LastChangeAt = input.At;
            d.AuditHeadHash = head?.Hash;
            return Array.Empty<TableTransactionAction>();
        });

        if (s.Status != DisclosureStatus.Published)
        {
            return new PublicationResult(false, s.Status, null);
        }

        PublicDisclosure document = await this.BuildAsync(s);
        PublishedDisclosure published = await publisher.PublishAsync(document);
        DisclosureSnapshot after = await store.UpdateAsync(input.DisclosureId, s =>
        {
            DisclosureEntity d = s.Disclosure;
            if (d.PublicPath == published.PublicPath && d.PublicSha256 == published.Sha256)
            {
                return null;
            }

            d.PublicPath = published.PublicPath;
            d.PublicJsonUri = published.JsonUri.ToString();
            d.PublicHtmlUri = published.HtmlUri.ToString();
            d.PublicSha256 = published.Sha256;
            return Array.Empty<TableTransactionAction>();
        });

        await store.DeleteAllTasksAsync(after.Disclosure);
        await store.UpsertIndexAsync(after.Disclosure);
        await audit.AppendAsync(DisclosureAudit.Step(
            input.DisclosureId, after.Disclosure.PublishedAt ?? input.At, "published", "published", after.Disclosure.Nation,
            $"Revision {document.Revision} at {published.PublicPath}; sha256 {published.Sha256}."));
        if (DisclosureFacts.Of(after) is { } fact)
        {
            await facts.RecordDisclosureAsync(fact);
        }

        return new PublicationResult(true, DisclosureStatus.Published, published.PublicPath);
    }

    private async Task<PublicDisclosure> BuildAsync(DisclosureSnapshot s)
    {
        DisclosureEntity d = s.Disclosure;
        RevisionEntity revision = s.Current;
        string body = await store.ReadRevisionBodyAsync(revision.BlobName);
        return new PublicDisclosure(
            d.PartitionKey,
            d.Nation,
            d.Kind,
            d.Title,
            body,
            revision.Number,
            d.CreatedAt.UtcDateTime,
            d.PublishedAt!.Value.UtcDateTime,
            [.. s.Comments.Where(c => c.Moderation == Moderation.Published)
                .Select(c => new PublicComment(c.CommentId, c.Organisation, c.Text, c.PostedAt.UtcDateTime))],
            revision.Expenditure is { } json ? ExpenditureJson.Deserialize(json, d.Nation) : null,
            d.AuditHeadHash);
    }
}
