using System.Text.Json;
using G7Flows.Workflows.Platform.Publishing;

namespace G7Flows.Workflows.Disclosures.Domain;

/// <summary>An expenditure report as stored with its revision: the canonical JSON of the request's shape.</summary>
public static class ExpenditureJson
{
    public static string Serialize(ExpenditureReport report) => JsonSerializer.Serialize(report, Json.Options);

    /// <summary>Reads a stored report back, checked again by <see cref="ExpenditureParser"/>.</summary>
    /// <exception cref="InvalidOperationException">The stored JSON is not a valid report (it was valid when stored).</exception>
    public static ExpenditureReport Deserialize(string json, string nation)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return ExpenditureParser.TryParse(document.RootElement, nation, currentYear: 9000, out ExpenditureReport? report, out _)
            ? report!
            : throw new InvalidOperationException("A stored expenditure report is not valid.");
    }
}
