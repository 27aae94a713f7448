namespace G7Flows.Workflows.Platform.Storage;

/// <summary>An entry of an audit trail as the audit route shows it, with its link in the chain.</summary>
public sealed record AuditEntryView(
    long? Sequence, DateTimeOffset At, string Actor, string Action, string? Nation, string? Detail, string Source, string? PreviousHash, string? Hash, string RowKey);

/// <summary>A workflow's audit trail in chain order and the result of verifying it.</summary>
public sealed record AuditTrailView(string WorkflowId, AuditVerification Verification, IReadOnlyList<AuditEntryView> Entries)
{
    /// <summary>Reads and verifies the trail of <paramref name="workflowId"/> (one query).</summary>
    public static async Task<AuditTrailView> ReadAsync(AuditLog audit, string workflowId, CancellationToken cancellationToken = default)
    {
        var (chain, result) = await new AuditVerifier(audit).VerifyAsync(workflowId, cancellationToken);
        return new AuditTrailView(
            workflowId,
            result,
            [.. chain.Select(e => new AuditEntryView(e.Sequence, e.At, e.Actor, e.Action, e.Nation, e.Detail, e.Source, e.PreviousHash, e.Hash, e.RowKey))]);
    }
}
