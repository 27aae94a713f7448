using G7Flows.Workflows.Consultations.Records;


namespace G7Flows.Workflows.Tests.Builders;

/// <summary>A closed consultation's record: a qualified-majority vote among FR, DE and GB, with two answers and a timeline.</summary>
internal sealed class ConsultationRecordBuilder
{
    private static readonly DateTimeOffset Opened = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private ConsultationView view = new(
        Id: "abcdefghijklmnopqrstuvwxyz",
        Title: "Joint exercise Atlantic Shield",
        Kind: "joint-exercise",
        Summary: "A two-week maritime exercise.",
        Proposer: "FR",
        Participants: ["FR", "DE", "GB"],
        Rule: "qualified-majority",
        Threshold: 2.0 / 3.0,
        RequiredApprovals: 2,
        Status: "Adopted",
        CreatedAt: Opened,
        CreatedBy: "Secretariat officer",
        Deadline: Opened.AddDays(7),
        Reminders: ["P1D"],
        Extensions: 1,
        Positions:
        [
            new PositionView("FR", "approve", "Reviewer FR", Opened.AddHours(3), "We support it.", Late: false, Counted: true),
            new PositionView("DE", "approve", "Reviewer DE", Opened.AddHours(5), null, Late: false, Counted: true),
            new PositionView("GB", "pending", null, null, null, Late: false, Counted: false),
        ],
        Outcome: new OutcomeView("Adopted", "2 of 3 approved; 2 were required.", Opened.AddHours(5), "rule"),
        Record: null);

    private List<TimelineEntry> timeline =
    [
        new(Opened, "Secretariat officer", "consultation-started", "FR", "qualified-majority; participants FR,DE,GB"),
        new(Opened.AddHours(3), "Reviewer FR", "response-stored", "FR", "approve"),
        new(Opened.AddHours(5), "workflow", "consultation-closed", null, "Adopted: 2 of 3 approved; 2 were required."),
    ];

    public ConsultationRecordBuilder With(Func<ConsultationView, ConsultationView> change)
    {
        this.view = change(this.view);
        return this;
    }

    public ConsultationRecordBuilder WithTimeline(params TimelineEntry[] entries)
    {
        this.timeline = [.. entries];
        return this;
    }

    public ConsultationRecord Build() => new(this.view, this.timeline);
}
