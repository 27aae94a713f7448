using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Disclosures.Storage;
using G7Flows.Workflows.Reports.Facts;

namespace G7Flows.Workflows.Disclosures.Workflow;

/// <summary>The report fact of a disclosure that has ended (published, rejected or withdrawn), from what is stored.</summary>
public static class DisclosureFacts
{
    /// <returns>The fact, or null while the disclosure has not ended.</returns>
    public static DisclosureFact? Of(DisclosureSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        DisclosureEntity d = snapshot.Disclosure;
        string? outcome = snapshot.Status switch
        {
            DisclosureStatus.Published => DisclosureOutcomes.Published,
            DisclosureStatus.Rejected => DisclosureOutcomes.Rejected,
            DisclosureStatus.Withdrawn => DisclosureOutcomes.Withdrawn,
            _ => null,
        };
        if (outcome is null)
        {
            return null;
        }

        ExpenditureFigures? figures = snapshot.RevisionOf(d.Revision)?.Expenditure is { } json
            ? ExpenditureFigures.Compute(ExpenditureJson.Deserialize(json, d.Nation))
            : null;
        DateTimeOffset closedAt = d.ClosedAt ?? d.PublishedAt ?? d.LastChangeAt ?? d.CreatedAt;
        return new DisclosureFact(
            d.PartitionKey,
            d.Title,
            d.Kind,
            d.Nation,
            outcome,
            d.CreatedAt,
            closedAt,
            outcome == DisclosureOutcomes.Published ? d.PublishedAt : null,
            Math.Max(0, d.Revision - 1),
            snapshot.Comments.Count,
            snapshot.Comments.Count(c => c.Moderation == Moderation.Published),
            figures is null ? null : (double)(figures.ShareOfGdp * 100m),
            figures?.EquipmentShare is { } equipment ? (double)(equipment * 100m) : null);
    }
}
