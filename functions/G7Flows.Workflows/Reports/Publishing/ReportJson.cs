using System.Text.Json;
using G7Flows.Workflows.Platform.Publishing;
using G7Flows.Workflows.Reports.Domain;

namespace G7Flows.Workflows.Reports.Publishing;

/// <summary>The report as published JSON (<c>reports/{period}/report.json</c>).</summary>
public static class ReportJson
{
    public static byte[] Serialize(PeriodReport report) => JsonSerializer.SerializeToUtf8Bytes(report, Json.Indented);

    public static PeriodReport Deserialize(BinaryData content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return content.ToObjectFromJson<PeriodReport>(Json.Options)
            ?? throw new InvalidOperationException("The published report is empty.");
    }
}
