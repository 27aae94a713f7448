using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Consultations.Storage;
using G7Flows.Workflows.Platform.Storage;

namespace G7Flows.Workflows.Reports.Facts;

/// <summary>
/// Writes the fact row of a workflow when it ends: the one call a workflow makes for the reports. Idempotent: the same
/// workflow always gives the same row key, so a retried step rewrites the same fact.
/// <list type="bullet">
/// <item>Consultations call <see cref="RecordClosedConsultationAsync"/> with the partition as closed.</item>
/// <item>The disclosure workflow calls <see cref="RecordDisclosureAsync"/> from its last activity (published,
/// rejected or withdrawn), with the figures it holds.</item>
/// </list>
/// </summary>
public sealed class FactRecorder(AuditLog audit, FactStore facts)
{
    /// <summary>
    /// Writes the fact of a closed consultation from the partition as the caller holds it: as the close stored it (or
    /// read it, on a retry). The trail is read only when a participant has no answer counted on time, because only
    /// then can a refused late answer in it change the fact. Does nothing while it is open or failed.
    /// </summary>
    public async Task RecordClosedConsultationAsync(ConsultationSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Consultation is not { ClosedAt: not null } c || c.Status is nameof(ConsultationStatus.Open) or nameof(ConsultationStatus.Failed))
        {
            return;
        }

        bool everyoneOnTime = ConsultationStore.SplitList(c.Participants).All(n => AnsweredOnTime(snapshot.PositionOf(n)));
        IReadOnlyList<AuditEntity> trail = everyoneOnTime ? [] : await audit.ReadAsync(c.PartitionKey, cancellationToken);
        await facts.WriteAsync(FactOf(snapshot, trail), cancellationToken);
    }

    /// <summary>Writes the fact of a disclosure that has ended.</summary>
    public Task RecordDisclosureAsync(DisclosureFact fact, CancellationToken cancellationToken = default) => facts.WriteAsync(fact, cancellationToken);

    /// <summary>The fact of a closed consultation: its outcome, and each participant's answer, timing and time to answer.</summary>
    public static ConsultationFact FactOf(ConsultationSnapshot snapshot, IReadOnlyList<AuditEntity> trail)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(trail);
        ConsultationEntity c = snapshot.Consultation;
        var refusedLate = trail.Where(e => e.Action == "late-response-refused" && e.Nation is not null).Select(e => e.Nation!).ToHashSet(StringComparer.Ordinal);
        var answers = ConsultationStore.SplitList(c.Participants).Select(nation =>
        {
            PositionEntity? p = snapshot.PositionOf(nation);
            return AnsweredOnTime(p)
                ? new NationAnswer(nation, p!.Position, AnswerTimings.OnTime, Math.Max(0, (p.RespondedAt!.Value - c.CreatedAt).TotalSeconds))
                : new NationAnswer(nation, null, refusedLate.Contains(nation) || p is { Late: true } ? AnswerTimings.Late : AnswerTimings.Silent, null);
        }).ToList();
        return new ConsultationFact(c.PartitionKey, c.Title, c.Kind, c.Status, c.Proposer, c.CreatedAt, c.ClosedAt!.Value, answers);
    }

    /// <summary>An answer that was stored in time and counted (or stored before the close counted anything).</summary>
    private static bool AnsweredOnTime(PositionEntity? p) => p is { Position: not null, RespondedAt: not null, Late: false } && p.Counted != false;
}
