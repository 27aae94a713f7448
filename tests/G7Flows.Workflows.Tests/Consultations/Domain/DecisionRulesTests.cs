using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Tests.Builders;

namespace G7Flows.Workflows.Tests.Consultations.Domain;

public sealed class DecisionRulesTests
{
    private const double TwoThirds = DecisionRules.DefaultThreshold;
    private const bool Before = false;
    private const bool AtDeadline = true;
    private const string Open = "open";
    private const string G7 = "CA FR DE IT JP GB US";
    private const string Six = "CA FR DE IT JP GB";

    [Theory]
    // unanimity: an objection rejects at once; silence at the deadline expires; an abstention does not block
    [InlineData(DecisionRule.Unanimity, TwoThirds, "FR DE GB", "", Before, Open)]
    [InlineData(DecisionRule.Unanimity, TwoThirds, "FR DE GB", "FR:object", Before, "Rejected")]
    [InlineData(DecisionRule.Unanimity, TwoThirds, "FR DE GB", "FR:approve DE:object", Before, "Rejected")]
    [InlineData(DecisionRule.Unanimity, TwoThirds, "FR DE GB", "FR:approve DE:approve", Before, Open)]
    [InlineData(DecisionRule.Unanimity, TwoThirds, "FR DE GB", "FR:approve DE:abstain", Before, Open)]
    [InlineData(DecisionRule.Unanimity, TwoThirds, "FR DE GB", "FR:approve DE:approve GB:approve", Before, "Adopted")]
    [InlineData(DecisionRule.Unanimity, TwoThirds, "FR DE GB", "FR:approve DE:abstain GB:approve", Before, "Adopted")]
    [InlineData(DecisionRule.Unanimity, TwoThirds, "FR DE GB", "FR:abstain DE:abstain GB:abstain", Before, "Adopted")]
    [InlineData(DecisionRule.Unanimity, TwoThirds, "FR DE GB", "", AtDeadline, "Expired")]
    [InlineData(DecisionRule.Unanimity, TwoThirds, "FR DE GB", "FR:approve DE:approve", AtDeadline, "Expired")]
    [InlineData(DecisionRule.Unanimity, TwoThirds, "FR DE GB", "FR:approve GB:object", AtDeadline, "Rejected")]
    [InlineData(DecisionRule.Unanimity, TwoThirds, "FR DE GB", "FR:approve DE:approve GB:abstain", AtDeadline, "Adopted")]
    // silence procedure: silence is assent at the deadline; any objection breaks silence
    [InlineData(DecisionRule.Silence, TwoThirds, "FR DE GB", "", Before, Open)]
    [InlineData(DecisionRule.Silence, TwoThirds, "FR DE GB", "FR:approve DE:abstain", Before, Open)]
    [InlineData(DecisionRule.Silence, TwoThirds, "FR DE GB", "GB:object", Before, "Rejected")]
    [InlineData(DecisionRule.Silence, TwoThirds, "FR DE GB", "FR:approve DE:approve GB:abstain", Before, "Adopted")]
    [InlineData(DecisionRule.Silence, TwoThirds, "FR DE GB", "FR:abstain DE:abstain GB:abstain", Before, "Adopted")]
    [InlineData(DecisionRule.Silence, TwoThirds, "FR DE GB", "", AtDeadline, "Adopted")]
    [InlineData(DecisionRule.Silence, TwoThirds, "FR DE GB", "FR:abstain", AtDeadline, "Adopted")]
    [InlineData(DecisionRule.Silence, TwoThirds, "FR DE GB", "FR:approve DE:object", AtDeadline, "Rejected")]
    // qualified majority, default two thirds of six participants: four approvals
    [InlineData(DecisionRule.QualifiedMajority, TwoThirds, Six, "CA:approve FR:approve DE:approve", Before, Open)]
    [InlineData(DecisionRule.QualifiedMajority, TwoThirds, Six, "CA:approve FR:approve DE:approve IT:approve", Before, "Adopted")]
    [InlineData(DecisionRule.QualifiedMajority, TwoThirds, Six, "CA:approve FR:approve IT:abstain JP:abstain", Before, Open)]
    [InlineData(DecisionRule.QualifiedMajority, TwoThirds, Six, "CA:approve FR:approve IT:abstain JP:abstain GB:object", Before, "Rejected")]
    [InlineData(DecisionRule.QualifiedMajority, TwoThirds, Six, "CA:object FR:object", Before, Open)]
    [InlineData(DecisionRule.QualifiedMajority, TwoThirds, Six, "CA:object FR:object DE:object", Before, "Rejected")]
    [InlineData(DecisionRule.QualifiedMajority, TwoThirds, Six, "CA:abstain FR:abstain DE:abstain IT:abstain JP:abstain GB:abstain", Before, "Rejected")]
    [InlineData(DecisionRule.QualifiedMajority, TwoThirds, Six, "CA:approve FR:approve DE:approve", AtDeadline, "Rejected")]
    [InlineData(DecisionRule.QualifiedMajority, TwoThirds, Six, "CA:approve FR:approve DE:approve IT:approve", AtDeadline, "Adopted")]
    [InlineData(DecisionRule.QualifiedMajority, TwoThirds, Six, "", AtDeadline, "Rejected")]
    // qualified majority, 55% of seven (EU Council style): four approvals
    [InlineData(DecisionRule.QualifiedMajority, 0.55, G7, "CA:approve FR:approve DE:approve", Before, Open)]
    [InlineData(DecisionRule.QualifiedMajority, 0.55, G7, "CA:approve FR:approve DE:approve IT:object JP:object GB:object", Before, Open)]
    [InlineData(DecisionRule.QualifiedMajority, 0.55, G7, "CA:approve FR:approve DE:approve IT:approve", Before, "Adopted")]
    [InlineData(DecisionRule.QualifiedMajority, 0.55, G7, "CA:object FR:object DE:object IT:abstain", Before, "Rejected")]
    [InlineData(DecisionRule.QualifiedMajority, 0.55, G7, "CA:approve FR:approve DE:approve", AtDeadline, "Rejected")]
    // qualified majority with a threshold of 1: every participant must approve, an abstention is enough to fail
    [InlineData(DecisionRule.QualifiedMajority, 1.0, "FR DE GB", "FR:approve DE:approve", Before, Open)]
    [InlineData(DecisionRule.QualifiedMajority, 1.0, "FR DE GB", "FR:approve DE:approve GB:approve", Before, "Adopted")]
    [InlineData(DecisionRule.QualifiedMajority, 1.0, "FR DE GB", "FR:approve DE:abstain", Before, "Rejected")]
    public void Evaluate_follows_the_decision_table(
        DecisionRule rule, double threshold, string participants, string positions, bool deadlinePassed, string expected)
    {
        // Act
        Decision? decision = DecisionRules.Evaluate(rule, threshold, Tally.Nations(participants), Tally.Positions(positions), deadlinePassed);

        // Assert
        Assert.Equal(expected, decision?.Status.ToString() ?? Open);
    }

    [Fact]
    public void Unanimity_rejects_on_the_first_objection_and_names_the_objector()
    {
        // Arrange
        var positions = Tally.Positions("FR:approve DE:object");

        // Act
        Decision? decision = DecisionRules.Evaluate(DecisionRule.Unanimity, TwoThirds, Tally.Nations("FR DE GB"), positions, deadlinePassed: false);

        // Assert
        Assert.NotNull(decision);
        Assert.Equal(ConsultationStatus.Rejected, decision.Status);
        Assert.Contains("DE", decision.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("FR", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Silence_broken_names_every_objector()
    {
        // Act
        Decision? decision = DecisionRules.Evaluate(
            DecisionRule.Silence, TwoThirds, Tally.Nations("FR DE GB IT"), Tally.Positions("FR:object IT:object DE:approve"), deadlinePassed: false);

        // Assert
        Assert.NotNull(decision);
        Assert.Contains("FR", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("IT", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Qualified_majority_reason_gives_the_approvals_and_the_required_number()
    {
        // Act
        Decision? decision = DecisionRules.Evaluate(
            DecisionRule.QualifiedMajority, 0.55, Tally.Nations(G7), Tally.Positions("CA:approve FR:approve DE:approve IT:approve"), deadlinePassed: false);

        // Assert
        Assert.NotNull(decision);
        Assert.Equal("4 of 7 approved; 4 were required.", decision.Reason);
    }

    [Fact]
    public void Positions_of_nations_that_do_not_take_part_are_ignored()
    {
        // Arrange: JP does not take part, its objection must not count
        var positions = Tally.Positions("FR:approve DE:approve JP:object");

        // Act
        Decision? decision = DecisionRules.Evaluate(DecisionRule.Unanimity, TwoThirds, Tally.Nations("FR DE"), positions, deadlinePassed: false);

        // Assert
        Assert.Equal(ConsultationStatus.Adopted, decision?.Status);
    }

    [Fact]
    public void An_unknown_rule_is_refused()
    {
        // Act
        void Evaluate() => DecisionRules.Evaluate((DecisionRule)42, TwoThirds, Tally.Nations("FR DE"), Tally.Positions(""), deadlinePassed: true);

        // Assert
        Assert.Throws<ArgumentOutOfRangeException>(Evaluate);
    }

    [Theory]
    [InlineData(TwoThirds, 2, 2)]
    [InlineData(TwoThirds, 3, 2)]
    [InlineData(TwoThirds, 6, 4)]
    [InlineData(TwoThirds, 7, 5)]
    [InlineData(TwoThirds, 8, 6)]
    [InlineData(0.55, 7, 4)]
    [InlineData(0.55, 8, 5)]
    [InlineData(0.51, 2, 2)]
    [InlineData(0.6, 5, 3)]
    [InlineData(0.75, 4, 3)]
    [InlineData(0.75, 8, 6)]
    [InlineData(1.0, 2, 2)]
    [InlineData(1.0, 8, 8)]
    [InlineData(0.5000001, 8, 5)]
    public void Required_approvals_is_the_smallest_count_that_reaches_the_threshold(double threshold, int participants, int expected)
    {
        // Act
        int required = DecisionRules.RequiredApprovals(threshold, participants);

        // Assert
        Assert.Equal(expected, required);
    }

    [Fact]
    public void Required_approvals_matches_exact_integer_arithmetic_for_every_whole_percentage()
    {
        // Arrange
        var mismatches = new List<string>();

        // Act
        for (int percent = 51; percent <= 100; percent++)
        {
            for (int participants = 2; participants <= 8; participants++)
            {
                int exact = Enumerable.Range(0, participants + 1).First(n => n * 100 >= percent * participants);
                int actual = DecisionRules.RequiredApprovals(percent / 100.0, participants);
                if (actual != exact)
                {
                    mismatches.Add($"{percent}% of {participants}: {actual}, expected {exact}");
                }
            }
        }

        // Assert
        Assert.Empty(mismatches);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.0)]
    [InlineData(-0.7)]
    [InlineData(1.0000001)]
    [InlineData(2.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Required_approvals_refuses_a_threshold_outside_one_half_to_one(double threshold)
    {
        // Act
        void Required() => DecisionRules.RequiredApprovals(threshold, 6);

        // Assert
        Assert.Throws<ArgumentOutOfRangeException>(Required);
    }
}
