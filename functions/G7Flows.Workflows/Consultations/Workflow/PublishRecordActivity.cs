using G7Flows.Workflows.Consultations.Records;
using G7Flows.Workflows.Consultations.Storage;
using G7Flows.Workflows.Platform.Storage;
using G7Flows.Workflows.Platform.Testing;
using G7Flows.Workflows.Reports.Facts;
using Microsoft.DurableTask;

namespace G7Flows.Workflows.Consultations.Workflow;

/// <summary>
/// Publishes the consultation record (JSON and HTML) under a deterministic, write-once name. Both renderings come
/// from one record built from the closed consultation and the timeline up to its close, so a retry publishes the
/// same bytes.
/// </summary>
public sealed class PublishRecordActivity(ConsultationStore store, AuditLog audit, RecordPublisher publisher, FaultInjector faults, FactRecorder facts) : TaskActivity<string, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, string input)
    {
        faults.OnCrashPoint(CrashPoints.BeforePublish);
        faults.OnActivity(nameof(PublishRecordActivity));
        ConsultationSnapshot snapshot = await store.GetAsync(input)
            ?? throw new InvalidOperationException($"Consultation {input} does not exist.");
        IReadOnlyList<AuditEntity> trail = await audit.ReadAsync(input);
        ConsultationRecord record = ConsultationRecord.From(snapshot, trail);
        string blob = await publisher.PublishAsync(record);
        await store.SetRecordAsync(input, blob);
        await audit.AppendAsync(new AuditEntry(
            input, record.ClosedAt ?? DateTimeOffset.MinValue, "workflow", "record-published", "workflow", "published", Detail: blob));
        await facts.RecordClosedConsultationAsync(snapshot);
        return blob;
    }
}
