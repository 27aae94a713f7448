using G7Flows.Workflows.Consultations.Api;
using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Tests.Builders;

namespace G7Flows.Workflows.Tests.Consultations.Api;

public sealed class StartConsultationRequestTests
{
    [Fact]
    public void A_valid_request_becomes_a_checked_proposal()
    {
        // Arrange
        StartConsultationRequest request = StartConsultationRequestBuilder.Valid()
            .With(r => r.Title = "  Joint exercise Atlantic Shield 2026  ")
            .With(r => r.Reminders = ["P2D", "PT6H"])
            .Build();

        // Act
        (Proposal? proposal, Dictionary<string, string[]> errors) = request.Validate();

        // Assert
        Assert.Empty(errors);
        Assert.NotNull(proposal);
        Assert.Equal("Joint exercise Atlantic Shield 2026", proposal.Title);
        Assert.Equal(ConsultationKind.JointExercise, proposal.Kind);
        Assert.Equal("FR", proposal.Proposer);
        Assert.Equal(["FR", "DE", "GB"], proposal.Participants);
        Assert.Equal(DecisionRule.Unanimity, proposal.Rule);
        Assert.Equal(TimeSpan.FromDays(7), proposal.ResponseWindow);
        Assert.Equal([TimeSpan.FromDays(2), TimeSpan.FromHours(6)], proposal.Reminders);
    }

    [Fact]
    public void A_qualified_majority_without_a_threshold_takes_two_thirds()
    {
        // Arrange
        StartConsultationRequest request = StartConsultationRequestBuilder.Valid().WithField("rule", "qualified-majority").Build();

        // Act
        (Proposal? proposal, _) = request.Validate();

        // Assert
        Assert.Equal(DecisionRule.QualifiedMajority, proposal?.Rule);
        Assert.Equal(DecisionRules.DefaultThreshold, proposal?.Threshold);
    }

    [Fact]
    public void A_missing_summary_and_missing_reminders_are_allowed()
    {
        // Arrange
        StartConsultationRequest request = StartConsultationRequestBuilder.Valid().WithField("summary", null).WithField("reminders", null).Build();

        // Act
        (Proposal? proposal, Dictionary<string, string[]> errors) = request.Validate();

        // Assert
        Assert.Empty(errors);
        Assert.Equal(string.Empty, proposal?.Summary);
        Assert.Empty(proposal!.Reminders);
    }

    [Theory]
    // title: 1 to 200 characters after trimming, one line without control characters
    [InlineData("title", "A")]
    [InlineData("title", "x*200")]
    [InlineData("title", "   padded   ")]
    [InlineData("title", "Übung Stärke — 共同訓練 🇪🇺")]
    // kind
    [InlineData("kind", "information-sharing")]
    [InlineData("kind", "mutual-defence")]
    [InlineData("kind", "policy-coordination")]
    // summary: up to 20,000 characters, line breaks and tabs allowed
    [InlineData("summary", "x*20000")]
    [InlineData("summary", "line one\r\nline two\n\tindented")]
    [InlineData("summary", "")]
    // participants: 2 to 8 distinct known codes, the proposer among them
    [InlineData("participants", "FR,DE")]
    [InlineData("participants", "CA,FR,DE,IT,JP,GB,US,EU")]
    // rule and threshold
    [InlineData("rule", "silence")]
    [InlineData("responseWindow", "PT10S")]
    [InlineData("responseWindow", "P90D")]
    [InlineData("responseWindow", "P1W")]
    [InlineData("responseWindow", "P2DT3H4M5.5S")]
    // reminders: positive, shorter than the window, at most ten, distinct
    [InlineData("reminders", "")]
    [InlineData("reminders", "P6DT23H59M59S")]
    [InlineData("reminders", "PT1S,PT2S,PT3S,PT4S,PT5S,PT6S,PT7S,PT8S,PT9S,PT10S")]
    public void A_field_at_the_edge_of_its_rules_is_accepted(string field, string? value)
    {
        // Arrange: without reminders, which would not fit a window of seconds
        StartConsultationRequest request = StartConsultationRequestBuilder.Valid().WithField("reminders", "").WithField(field, value).Build();

        // Act
        (Proposal? proposal, Dictionary<string, string[]> errors) = request.Validate();

        // Assert
        Assert.Empty(errors);
        Assert.NotNull(proposal);
    }

    [Theory]
    [InlineData(0.51)]
    [InlineData(0.55)]
    [InlineData(0.75)]
    [InlineData(1.0)]
    public void A_qualified_majority_takes_a_threshold_above_one_half_up_to_one(double threshold)
    {
        // Arrange
        StartConsultationRequest request = StartConsultationRequestBuilder.Valid()
            .WithField("rule", "qualified-majority")
            .With(r => r.Threshold = threshold)
            .Build();

        // Act
        (Proposal? proposal, _) = request.Validate();

        // Assert
        Assert.Equal(threshold, proposal?.Threshold);
    }

    [Theory]
    // title
    [InlineData("title", null, "title")]
    [InlineData("title", "", "title")]
    [InlineData("title", "    ", "title")]
    [InlineData("title", "x*201", "title")]
    [InlineData("title", "Atlantic\u0007Shield", "title")]
    [InlineData("title", "Atlantic\nShield", "title")]
    [InlineData("title", "Atlantic\tShield", "title")]
    [InlineData("title", "Atlantic\u0085Shield", "title")]
    // kind
    [InlineData("kind", null, "kind")]
    [InlineData("kind", "", "kind")]
    [InlineData("kind", "Joint-Exercise", "kind")]
    [InlineData("kind", "joint_exercise", "kind")]
    [InlineData("kind", "naval-review", "kind")]
    // summary
    [InlineData("summary", "x*20001", "summary")]
    [InlineData("summary", "null byte \u0000 here", "summary")]
    [InlineData("summary", "\u001b[31mred\u001b[0m", "summary")]
    // participants
    [InlineData("participants", null, "participants")]
    [InlineData("participants", "", "participants")]
    [InlineData("participants", "FR", "participants")]
    [InlineData("participants", "CA,FR,DE,IT,JP,GB,US,EU,CA", "participants")]
    [InlineData("participants", "FR,FR", "participants")]
    [InlineData("participants", "FR,DE,FR", "participants")]
    [InlineData("participants", "FR,XX", "participants")]
    [InlineData("participants", "FR,de", "participants")]
    [InlineData("participants", "FR,null", "participants")]
    [InlineData("participants", "FR, DE", "participants")]
    // proposer
    [InlineData("proposer", null, "proposer")]
    [InlineData("proposer", "XX", "proposer")]
    [InlineData("proposer", "fr", "proposer")]
    [InlineData("proposer", "US", "proposer")]
    // rule
    [InlineData("rule", null, "rule")]
    [InlineData("rule", "Unanimity", "rule")]
    [InlineData("rule", "majority", "rule")]
    // threshold: only for a qualified majority
    [InlineData("threshold", "0.75", "threshold")]
    // responseWindow: PT10S to P90D
    [InlineData("responseWindow", null, "responseWindow")]
    [InlineData("responseWindow", "", "responseWindow")]
    [InlineData("responseWindow", "PT9S", "responseWindow")]
    [InlineData("responseWindow", "PT9.999S", "responseWindow")]
    [InlineData("responseWindow", "P90DT1S", "responseWindow")]
    [InlineData("responseWindow", "P91D", "responseWindow")]
    [InlineData("responseWindow", "P1M", "responseWindow")]
    [InlineData("responseWindow", "7 days", "responseWindow")]
    // reminders
    [InlineData("reminders", "PT0S", "reminders")]
    [InlineData("reminders", "P7D", "reminders")]
    [InlineData("reminders", "P8D", "reminders")]
    [InlineData("reminders", "PT1H,PT1H", "reminders")]
    [InlineData("reminders", "PT60M,PT1H", "reminders")]
    [InlineData("reminders", "1h", "reminders")]
    [InlineData("reminders", "PT1H,null", "reminders")]
    [InlineData("reminders", "-PT1H", "reminders")]
    [InlineData("reminders", "PT1S,PT2S,PT3S,PT4S,PT5S,PT6S,PT7S,PT8S,PT9S,PT10S,PT11S", "reminders")]
    public void A_field_that_breaks_its_rules_is_reported_under_its_name(string field, string? value, string expectedKey)
    {
        // Arrange
        StartConsultationRequest request = StartConsultationRequestBuilder.Valid().WithField(field, value).Build();

        // Act
        (Proposal? proposal, Dictionary<string, string[]> errors) = request.Validate();

        // Assert
        Assert.Null(proposal);
        Assert.Equal([expectedKey], errors.Keys);
        Assert.False(string.IsNullOrWhiteSpace(Assert.Single(errors[expectedKey])));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.0)]
    [InlineData(-0.75)]
    [InlineData(1.0001)]
    [InlineData(67.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void A_qualified_majority_threshold_outside_one_half_to_one_is_refused(double threshold)
    {
        // Arrange
        StartConsultationRequest request = StartConsultationRequestBuilder.Valid()
            .WithField("rule", "qualified-majority")
            .With(r => r.Threshold = threshold)
            .Build();

        // Act
        (Proposal? proposal, Dictionary<string, string[]> errors) = request.Validate();

        // Assert
        Assert.Null(proposal);
        Assert.Equal(["threshold"], errors.Keys);
    }

    [Theory]
    [InlineData("silence")]
    [InlineData("unanimity")]
    public void A_threshold_with_another_rule_is_refused(string rule)
    {
        // Arrange
        StartConsultationRequest request = StartConsultationRequestBuilder.Valid().WithField("rule", rule).WithField("threshold", "0.6").Build();

        // Act
        (_, Dictionary<string, string[]> errors) = request.Validate();

        // Assert
        Assert.Equal(["threshold"], errors.Keys);
    }

    [Theory]
    [InlineData("a lone high surrogate")]
    [InlineData("a lone low surrogate")]
    [InlineData("a high surrogate at the end")]
    [InlineData("a pair in the wrong order")]
    public void A_title_with_a_lone_surrogate_is_refused(string situation)
    {
        // Arrange
        StartConsultationRequest request = StartConsultationRequestBuilder.Valid().With(r => r.Title = BadUnicode.Text(situation)).Build();

        // Act
        (Proposal? proposal, Dictionary<string, string[]> errors) = request.Validate();

        // Assert
        Assert.Null(proposal);
        Assert.Equal(["title"], errors.Keys);
    }

    [Fact]
    public void A_title_with_a_well_formed_surrogate_pair_is_accepted()
    {
        // Arrange
        StartConsultationRequest request = StartConsultationRequestBuilder.Valid().With(r => r.Title = "Shield \uD83D\uDEE1").Build();

        // Act
        (Proposal? proposal, _) = request.Validate();

        // Assert
        Assert.Equal("Shield 🛡", proposal?.Title);
    }

    [Fact]
    public void A_summary_with_a_lone_surrogate_is_refused()
    {
        // Arrange
        StartConsultationRequest request = StartConsultationRequestBuilder.Valid().With(r => r.Summary = "Budget \uD83D figures").Build();

        // Act
        (_, Dictionary<string, string[]> errors) = request.Validate();

        // Assert
        Assert.Equal(["summary"], errors.Keys);
    }

    [Fact]
    public void An_unknown_participant_is_named_printably_in_the_error()
    {
        // Arrange
        StartConsultationRequest request = StartConsultationRequestBuilder.Valid().With(r => r.Participants = ["FR", "X\u0000\uD800Y"]).Build();

        // Act
        (_, Dictionary<string, string[]> errors) = request.Validate();

        // Assert
        string message = Assert.Single(errors["participants"]);
        Assert.Contains("'X??Y'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_proposer_is_not_compared_with_participants_that_are_themselves_invalid()
    {
        // Arrange
        StartConsultationRequest request = StartConsultationRequestBuilder.Valid().WithField("participants", "DE,XX").Build();

        // Act
        (_, Dictionary<string, string[]> errors) = request.Validate();

        // Assert
        Assert.Equal(["participants"], errors.Keys);
    }

    [Fact]
    public void Reminders_are_not_compared_with_a_window_that_is_itself_invalid()
    {
        // Arrange
        StartConsultationRequest request = StartConsultationRequestBuilder.Valid().WithField("responseWindow", "P100D").WithField("reminders", "P95D").Build();

        // Act
        (_, Dictionary<string, string[]> errors) = request.Validate();

        // Assert
        Assert.Equal(["responseWindow"], errors.Keys);
    }

    [Fact]
    public void An_empty_request_reports_every_required_field()
    {
        // Arrange
        var request = new StartConsultationRequest();

        // Act
        (Proposal? proposal, Dictionary<string, string[]> errors) = request.Validate();

        // Assert
        Assert.Null(proposal);
        Assert.Equal(
            ["kind", "participants", "proposer", "responseWindow", "rule", "title"],
            errors.Keys.Order(StringComparer.Ordinal));
    }
}
