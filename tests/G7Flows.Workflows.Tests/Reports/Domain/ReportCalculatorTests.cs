using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Reports.Domain;
using G7Flows.Workflows.Reports.Facts;
using static G7Flows.Workflows.Tests.Reports.FactBuilder;

namespace G7Flows.Workflows.Tests.Reports.Domain;

public sealed class ReportCalculatorTests
{
    private static readonly ReportPeriod Period = ReportPeriod.Month(2026, 11);
    private static readonly DateTimeOffset GeneratedAt = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);

    private static PeriodReport Compute(PeriodFacts facts, PeriodReport? previous = null) => ReportCalculator.Compute(Period, facts, previous, GeneratedAt);

    private static PeriodReport Compute(params ConsultationFact[] consultations) => Compute(new PeriodFacts(consultations, []));

    [Fact]
    public void An_empty_period_has_every_nation_with_zeros_and_no_times()
    {
        // Act
        PeriodReport report = Compute(PeriodFacts.Empty);

        // Assert
        Assert.Equal((1, "2026-11", "month", 0), (report.SchemaVersion, report.Period, report.PeriodKind, report.FactsRead));
        Assert.Equal((Period.Start, Period.End, GeneratedAt), (report.From, report.To, report.GeneratedAt));
        Assert.Equal(Nations.All, report.Nations.Select(n => n.Nation));
        Assert.All(report.Nations.Append(report.Overall), n =>
        {
            Assert.Equal(0, n.Consultations.Held);
            Assert.All(n.Consultations.ByKind.Values, v => Assert.Equal(0, v));
            Assert.Equal(["adopted", "rejected", "expired", "withdrawn"], n.Consultations.ByOutcome.Keys);
            Assert.All(n.Consultations.ByOutcome.Values, v => Assert.Equal(0, v));
            Assert.Equal(new ResponseFigures(0, 0, 0, 0, null, null, null), n.Responses);
            Assert.Equal(new DisclosureFigures(0, 0, 0, 0, null, null, 0, 0), n.Disclosures);
            Assert.Null(n.Expenditure);
        });
        Assert.Empty(report.Agreed);
        Assert.All(report.Headlines, h => Assert.Null(h.Previous));
    }

    [Fact]
    public void Consultations_count_once_overall_and_once_for_each_participant_by_kind_and_outcome()
    {
        // Act
        PeriodReport report = Compute(
            Consultation("c1", "joint-exercise", "Adopted", "FR:approve:1h", "DE:approve:2h"),
            Consultation("c2", "information-sharing", "Adopted", "FR:approve:3h", "IT:abstain:4h"),
            Consultation("c3", "mutual-defence", "Rejected", "DE:object:1h", "IT:silent"),
            Consultation("c4", "joint-exercise", "Expired", "FR:approve:5h", "JP:silent"),
            Consultation("c5", "policy-coordination", "Withdrawn", "GB:silent", "US:silent"));

        // Assert: overall.
        ConsultationFigures all = report.Overall.Consultations;
        Assert.Equal(5, all.Held);
        Assert.Equal(new Dictionary<string, int> { ["joint-exercise"] = 2, ["information-sharing"] = 1, ["mutual-defence"] = 1, ["policy-coordination"] = 1 }, all.ByKind);
        Assert.Equal(new Dictionary<string, int> { ["adopted"] = 2, ["rejected"] = 1, ["expired"] = 1, ["withdrawn"] = 1 }, all.ByOutcome);
        Assert.Equal((1, 1), (all.ExercisesAgreed, all.ArrangementsAgreed));

        // Assert: per nation, only what it took part in; a nation with no activity has zeros.
        NationFigures fr = report.Nations.Single(n => n.Nation == "FR");
        Assert.Equal(3, fr.Consultations.Held);
        Assert.Equal((2, 0, 1, 0), (fr.Consultations.ByOutcome["adopted"], fr.Consultations.ByOutcome["rejected"], fr.Consultations.ByOutcome["expired"], fr.Consultations.ByOutcome["withdrawn"]));
        Assert.Equal((1, 1), (fr.Consultations.ExercisesAgreed, fr.Consultations.ArrangementsAgreed));
        NationFigures de = report.Nations.Single(n => n.Nation == "DE");
        Assert.Equal((2, 1, 1, 1), (de.Consultations.Held, de.Consultations.ByOutcome["adopted"], de.Consultations.ByOutcome["rejected"], de.Consultations.ExercisesAgreed));
        Assert.Equal(0, report.Nations.Single(n => n.Nation == "CA").Consultations.Held);
        Assert.Equal(0, report.Nations.Single(n => n.Nation == "EU").Responses.Asked);

        // Assert: what was agreed, in order of closing, with titles and participants.
        Assert.Equal(["c1", "c2"], report.Agreed.Select(a => a.ConsultationId));
        Assert.Equal(["FR", "DE"], report.Agreed[0].Participants);
        Assert.Equal("Consultation c1", report.Agreed[0].Title);
    }

    [Fact]
    public void Answers_are_on_time_late_or_silent_and_times_are_taken_from_answers_on_time()
    {
        // Act
        PeriodReport report = Compute(
            Consultation("c1", "joint-exercise", "Adopted", "FR:approve:1h", "DE:approve:2h", "IT:late"),
            Consultation("c2", "joint-exercise", "Rejected", "FR:object:3h", "DE:silent", "IT:abstain:10h"),
            Consultation("c3", "joint-exercise", "Adopted", "FR:approve:5h", "DE:approve:4h", "IT:late"));

        // Assert
        ResponseFigures fr = report.Nations.Single(n => n.Nation == "FR").Responses;
        Assert.Equal(new ResponseFigures(3, 3, 0, 0, 1, 3, 4.6), fr);
        ResponseFigures de = report.Nations.Single(n => n.Nation == "DE").Responses;
        Assert.Equal(new ResponseFigures(3, 2, 0, 1, 0.667, 3, 3.8), de);
        ResponseFigures it = report.Nations.Single(n => n.Nation == "IT").Responses;
        Assert.Equal(new ResponseFigures(3, 1, 2, 0, 0.333, 10, 10), it);

        // Overall: every answer of every consultation; times 1, 2, 3, 4, 5, 10 hours.
        ResponseFigures all = report.Overall.Responses;
        Assert.Equal((9, 6, 2, 1), (all.Asked, all.OnTime, all.Late, all.Silent));
        Assert.Equal(3.5, all.MedianHoursToAnswer);
        Assert.Equal(7.5, all.P90HoursToAnswer);
        Assert.Equal(0.667, all.OnTimeShare);
    }

    [Fact]
    public void Disclosures_count_by_outcome_with_lead_times_revisions_and_comments()
    {
        // Arrange
        var facts = new PeriodFacts(
            [],
            [
                Disclosure("d1", "FR", DisclosureOutcomes.Published, submittedToPublishedDays: 10, revisions: 1, commentsReceived: 4, commentsPublished: 3),
                Disclosure("d2", "FR", DisclosureOutcomes.Published, submittedToPublishedDays: 20, revisions: 2, commentsReceived: 2, commentsPublished: 2),
                Disclosure("d3", "FR", DisclosureOutcomes.Rejected, revisions: 0),
                Disclosure("d4", "DE", DisclosureOutcomes.Withdrawn, revisions: 1, commentsReceived: 1),
                Disclosure("d5", "DE", DisclosureOutcomes.Published, submittedToPublishedDays: 6.5),
            ]);

        // Act
        PeriodReport report = Compute(facts);

        // Assert
        Assert.Equal(new DisclosureFigures(3, 2, 1, 0, 15, 1, 6, 5), report.Nations.Single(n => n.Nation == "FR").Disclosures);
        Assert.Equal(new DisclosureFigures(2, 1, 0, 1, 6.5, 0.5, 1, 0), report.Nations.Single(n => n.Nation == "DE").Disclosures);
        Assert.Equal(new DisclosureFigures(5, 3, 1, 1, 10, 0.8, 7, 5), report.Overall.Disclosures);
        Assert.Equal(new DisclosureFigures(0, 0, 0, 0, null, null, 0, 0), report.Nations.Single(n => n.Nation == "JP").Disclosures);
        Assert.Equal(0, report.Overall.Consultations.Held);
        Assert.Equal(5, report.FactsRead);
    }

    [Fact]
    public void Expenditure_comes_from_the_latest_published_military_expenditure_disclosure_against_the_guidelines()
    {
        // Arrange
        var facts = new PeriodFacts(
            [],
            [
                Disclosure("d1", "US", DisclosureOutcomes.Published, submittedToPublishedDays: 5, kind: DisclosureOutcomes.MilitaryExpenditureKind, gdp: 3.4, equipment: 28),
                Disclosure("d2", "DE", DisclosureOutcomes.Published, submittedToPublishedDays: 5, kind: DisclosureOutcomes.MilitaryExpenditureKind, gdp: 1.9, equipment: 19.9),
                Disclosure("d3", "DE", DisclosureOutcomes.Published, submittedToPublishedDays: 9, kind: DisclosureOutcomes.MilitaryExpenditureKind, gdp: 2.0, equipment: null),
                Disclosure("d4", "JP", DisclosureOutcomes.Rejected, kind: DisclosureOutcomes.MilitaryExpenditureKind, gdp: 1.4),
                Disclosure("d5", "FR", DisclosureOutcomes.Published, kind: "defence-policy"),
            ]);

        // Act
        PeriodReport report = Compute(facts);

        // Assert
        Assert.Equal(new ExpenditureShare("d1", "Disclosure d1", 3.4, 28, true, true), report.Nations.Single(n => n.Nation == "US").Expenditure);
        Assert.Equal(new ExpenditureShare("d3", "Disclosure d3", 2.0, null, true, null), report.Nations.Single(n => n.Nation == "DE").Expenditure);
        Assert.Null(report.Nations.Single(n => n.Nation == "JP").Expenditure);
        Assert.Null(report.Nations.Single(n => n.Nation == "FR").Expenditure);
        Assert.Null(report.Overall.Expenditure);
    }

    [Fact]
    public void Headlines_show_the_change_from_the_previous_periods_report()
    {
        // Arrange
        PeriodReport october = ReportCalculator.Compute(
            ReportPeriod.Month(2026, 10),
            new PeriodFacts([Consultation("o1", "joint-exercise", "Adopted", "FR:approve:2h")], []),
            null,
            GeneratedAt);

        // Act
        PeriodReport november = Compute(
            new PeriodFacts(
                [
                    Consultation("n1", "joint-exercise", "Adopted", "FR:approve:1h"),
                    Consultation("n2", "joint-exercise", "Adopted", "FR:approve:3h"),
                    Consultation("n3", "mutual-defence", "Rejected", "FR:silent"),
                ],
                []),
            october);

        // Assert
        var h = november.Headlines.ToDictionary(x => x.Name);
        Assert.Equal(new Headline("consultationsHeld", "Consultations held", 3, 1, 2), h["consultationsHeld"]);
        Assert.Equal(new Headline("exercisesAgreed", "Joint exercises agreed", 2, 1, 1), h["exercisesAgreed"]);
        Assert.Equal((0.667, 1.0, -0.333), (h["answersOnTimeShare"].Value, h["answersOnTimeShare"].Previous, h["answersOnTimeShare"].Change));
        Assert.Equal((2.0, 2.0, 0.0), (h["medianHoursToAnswer"].Value, h["medianHoursToAnswer"].Previous, h["medianHoursToAnswer"].Change));
        Assert.Equal((null, null, null), (h["medianDaysToPublish"].Value, h["medianDaysToPublish"].Previous, h["medianDaysToPublish"].Change));
        Assert.Equal((0.0, 0.0, 0.0), (h["disclosuresPublished"].Value, h["disclosuresPublished"].Previous, h["disclosuresPublished"].Change));
    }

    [Fact]
    public void Facts_in_any_order_give_the_same_report()
    {
        // Arrange
        ConsultationFact[] facts =
        [
            Consultation("c1", "joint-exercise", "Adopted", "FR:approve:1h", "DE:approve:2h"),
            Consultation("c2", "information-sharing", "Adopted", "FR:approve:3h"),
            Consultation("c3", "mutual-defence", "Rejected", "DE:object:7h"),
        ];

        // Act
        string forward = System.Text.Json.JsonSerializer.Serialize(Compute(facts));
        string backward = System.Text.Json.JsonSerializer.Serialize(Compute([.. Enumerable.Reverse(facts)]));

        // Assert
        Assert.Equal(forward, backward);
    }
}
