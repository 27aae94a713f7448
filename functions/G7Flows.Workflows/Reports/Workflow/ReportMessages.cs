namespace G7Flows.Workflows.Reports.Workflow;

/// <summary>The input of a report orchestration: the period (<c>2026-11</c>), who asked and when.</summary>
public sealed record ReportInput(string Period, string RequestedBy, DateTime RequestedAt);

/// <summary>What <see cref="PublishReportActivity"/> does: publish the period's report as generated at this instant.</summary>
public sealed record PublishReportRequest(string Period, DateTime GeneratedAt);

/// <summary>A published report: its JSON's hash, how many facts it read and whether this run wrote it.</summary>
public sealed record ReportResult(string Period, string Sha256, int FactsRead, DateTimeOffset GeneratedAt, bool Written);
