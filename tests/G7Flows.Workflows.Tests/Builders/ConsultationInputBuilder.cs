using G7Flows.Workflows.Consultations.Domain;


namespace G7Flows.Workflows.Tests.Builders;

/// <summary>A consultation input with sensible defaults: unanimity among FR, DE and GB, a week to answer, no reminders.</summary>
internal sealed class ConsultationInputBuilder
{
    public static readonly DateTime Opened = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    private string id = "c-atlantic-shield";
    private string title = "Joint exercise Atlantic Shield";
    private DecisionRule rule = DecisionRule.Unanimity;
    private double threshold = DecisionRules.DefaultThreshold;
    private IReadOnlyList<string> participants = ["FR", "DE", "GB"];
    private DateTime deadline = Opened.AddDays(7);
    private IReadOnlyList<TimeSpan> reminders = [];

    private bool decisiveEvents;

    public ConsultationInputBuilder WithId(string value)
    {
        this.id = value;
        return this;
    }

    public ConsultationInputBuilder WithTitle(string value)
    {
        this.title = value;
        return this;
    }

    public ConsultationInputBuilder WithRule(DecisionRule value, double? qualifiedMajorityThreshold = null)
    {
        this.rule = value;
        this.threshold = qualifiedMajorityThreshold ?? DecisionRules.DefaultThreshold;
        return this;
    }

    public ConsultationInputBuilder WithParticipants(params string[] codes)
    {
        this.participants = codes;
        return this;
    }

    public ConsultationInputBuilder WithDeadline(DateTime value)
    {
        this.deadline = value;
        return this;
    }

    public ConsultationInputBuilder WithReminders(params TimeSpan[] beforeDeadline)
    {
        this.reminders = beforeDeadline;
        return this;
    }

    /// <summary>As the API starts consultations now: answers raise an event only when they decide the outcome.</summary>
    public ConsultationInputBuilder WithDecisiveEvents()
    {
        this.decisiveEvents = true;
        return this;
    }

    public ConsultationInput Build() => new(this.id, this.title, this.rule, this.threshold, this.participants, this.deadline, this.reminders, this.decisiveEvents);
}
