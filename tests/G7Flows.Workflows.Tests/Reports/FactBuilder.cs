using G7Flows.Workflows.Reports.Facts;

namespace G7Flows.Workflows.Tests.Reports;

/// <summary>Fact rows for report tests: readable one-liners for consultations and disclosures.</summary>
internal static class FactBuilder
{
    public static readonly DateTimeOffset November = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A consultation closed on the given day of November 2026; answers as "FR:approve:2h", "DE:late", "IT:silent".</summary>
    public static ConsultationFact Consultation(string id, string kind, string outcome, params string[] answers) =>
        new(
            id,
            $"Consultation {id}",
            kind,
            outcome,
            answers.Length > 0 ? answers[0].Split(':')[0] : "FR",
            November.AddDays(2),
            November.AddDays(5),
            [.. answers.Select(Answer)]);

    public static DisclosureFact Disclosure(
        string id,
        string nation,
        string outcome,
        double submittedToPublishedDays = 10,
        int revisions = 0,
        int commentsReceived = 0,
        int commentsPublished = 0,
        string kind = "defence-policy",
        double? gdp = null,
        double? equipment = null)
    {
        DateTimeOffset submitted = November.AddDays(1);
        DateTimeOffset closed = submitted.AddDays(submittedToPublishedDays);
        return new DisclosureFact(
            id, $"Disclosure {id}", kind, nation, outcome, submitted, closed,
            outcome == DisclosureOutcomes.Published ? closed : null,
            revisions, commentsReceived, commentsPublished, gdp, equipment);
    }

    private static NationAnswer Answer(string text)
    {
        string[] parts = text.Split(':');
        return parts[1] switch
        {
            "late" => new NationAnswer(parts[0], null, AnswerTimings.Late, null),
            "silent" => new NationAnswer(parts[0], null, AnswerTimings.Silent, null),
            _ => new NationAnswer(parts[0], parts[1], AnswerTimings.OnTime, double.Parse(parts[2].TrimEnd('h'), System.Globalization.CultureInfo.InvariantCulture) * 3600),
        };
    }
}
