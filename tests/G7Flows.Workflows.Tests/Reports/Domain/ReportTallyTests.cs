using System.Text.Json;
using G7Flows.Workflows.Platform.Publishing;
using G7Flows.Workflows.Reports.Domain;
using G7Flows.Workflows.Reports.Facts;
using G7Flows.Workflows.Reports.Publishing;
using static G7Flows.Workflows.Tests.Reports.FactBuilder;

namespace G7Flows.Workflows.Tests.Reports.Domain;

public sealed class ReportTallyTests
{
    private static readonly ReportPeriod Period = ReportPeriod.Month(2026, 11);
    private static readonly DateTimeOffset GeneratedAt = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// A varied month: every kind (and one not known), outcomes in any case (and one not counted), nations known and
    /// not, a nation answering twice, ties of closing time, and disclosures with expenditure figures that tie.
    /// </summary>
    private static PeriodFacts Month(int consultations, int seed)
    {
        var random = new Random(seed);
        string[] kinds = ["joint-exercise", "information-sharing", "mutual-defence", "policy-coordination", "a-new-kind"];
        string[] outcomes = ["Adopted", "adopted", "ADOPTED", "Rejected", "Expired", "Withdrawn", "Failed"];
        string[] nations = ["CA", "FR", "DE", "IT", "JP", "GB", "US", "EU", "XX"];
        var facts = Enumerable.Range(0, consultations).Select(i =>
        {
            var answers = Enumerable.Range(0, random.Next(0, 9)).Select(_ => random.Next(4) switch
            {
                0 => new NationAnswer(nations[random.Next(nations.Length)], null, AnswerTimings.Silent, null),
                1 => new NationAnswer(nations[random.Next(nations.Length)], null, AnswerTimings.Late, null),
                _ => new NationAnswer(nations[random.Next(nations.Length)], "approve", AnswerTimings.OnTime, random.NextDouble() * 600_000),
            }).ToList();
            DateTimeOffset closed = November.AddMinutes(random.Next(0, 30 * 24 * 60 / 10) * 10);
            return new ConsultationFact($"c{i:D5}", $"Consultation <{i}> & co", kinds[random.Next(kinds.Length)], outcomes[random.Next(outcomes.Length)], "FR", closed.AddDays(-2), closed, answers);
        }).ToList();
        var disclosures = Enumerable.Range(0, consultations / 10).Select(i => Disclosure(
            $"d{i:D4}",
            nations[random.Next(nations.Length)],
            random.Next(3) switch { 0 => DisclosureOutcomes.Rejected, 1 => DisclosureOutcomes.Withdrawn, _ => DisclosureOutcomes.Published },
            submittedToPublishedDays: random.Next(1, 4),
            revisions: random.Next(3),
            commentsReceived: random.Next(5),
            commentsPublished: random.Next(3),
            kind: random.Next(2) == 0 ? DisclosureOutcomes.MilitaryExpenditureKind : "defence-policy",
            gdp: 1 + random.Next(3),
            equipment: random.Next(2) == 0 ? null : 15 + random.Next(10))).ToList();
        return new PeriodFacts(facts, disclosures);
    }

    private static string Rendered(PeriodReport report) =>
        JsonSerializer.Serialize(report, Json.Options) + Convert.ToHexString(ReportCsv.Serialize(report)) + ReportHtml.Render(report);

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(8, 2)]
    [InlineData(24, 3)]
    public void Tallies_filled_side_by_side_and_combined_give_the_report_of_one_pass(int parts, int seed)
    {
        // Arrange: the facts dealt out to the parts in a shuffled order, as partitions read side by side would be.
        PeriodFacts month = Month(2_000, seed);
        var random = new Random(seed);
        var tallies = Enumerable.Range(0, parts).Select(_ => new ReportTally()).ToList();
        foreach (ConsultationFact c in month.Consultations.OrderBy(_ => random.Next()))
        {
            tallies[random.Next(parts)].Add(c);
        }

        foreach (DisclosureFact d in month.Disclosures.OrderBy(_ => random.Next()))
        {
            tallies[random.Next(parts)].Add(d);
        }

        // Act
        PeriodReport onePass = ReportCalculator.Compute(Period, month, null, GeneratedAt);
        PeriodReport combined = ReportCalculator.Compute(Period, tallies, null, GeneratedAt);

        // Assert: the same bytes in every rendering.
        Assert.Equal(month.Count, combined.FactsRead);
        Assert.Equal(Rendered(onePass), Rendered(combined));
    }

    [Fact]
    public void A_nation_answering_twice_counts_the_consultation_once_and_both_answers()
    {
        // Act
        PeriodReport report = ReportCalculator.Compute(
            Period,
            new PeriodFacts([Consultation("c1", "joint-exercise", "Adopted", "FR:approve:1h", "FR:approve:3h", "XX:silent")], []),
            null,
            GeneratedAt);

        // Assert: FR holds one consultation and two answers; the unknown XX counts only overall.
        NationFigures fr = report.Nations.Single(n => n.Nation == "FR");
        Assert.Equal((1, 1, 2, 2.0), (fr.Consultations.Held, fr.Consultations.ExercisesAgreed, fr.Responses.Asked, fr.Responses.MedianHoursToAnswer!.Value));
        Assert.Equal((1, 3), (report.Overall.Consultations.Held, report.Overall.Responses.Asked));
        Assert.Equal(["FR", "FR", "XX"], report.Agreed.Single().Participants);
    }

    [Theory]
    [InlineData("Adopted", 1)]
    [InlineData("ADOPTED", 1)]
    [InlineData("adopted", 1)]
    [InlineData("Failed", 0)]
    public void Outcomes_count_whatever_their_case_and_unknown_ones_count_as_held_only(string outcome, int adopted)
    {
        // Act
        PeriodReport report = ReportCalculator.Compute(
            Period, new PeriodFacts([Consultation("c1", "information-sharing", outcome, "DE:approve:1h")], []), null, GeneratedAt);

        // Assert
        ConsultationFigures de = report.Nations.Single(n => n.Nation == "DE").Consultations;
        Assert.Equal((1, adopted, adopted), (de.Held, de.ByOutcome["adopted"], de.ArrangementsAgreed));
        Assert.Equal(adopted, de.ByOutcome.Values.Sum());
        Assert.Equal(adopted, report.Agreed.Count);
    }
}
