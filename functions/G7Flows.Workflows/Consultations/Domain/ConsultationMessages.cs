
namespace G7Flows.Workflows.Consultations.Domain;

/// <summary>The input of a consultation orchestration: everything it needs to run without reading storage.</summary>
public sealed record ConsultationInput(
    string ConsultationId,
    string Title,
    DecisionRule Rule,
    double Threshold,
    IReadOnlyList<string> Participants,
    DateTime Deadline,
    IReadOnlyList<TimeSpan> Reminders);

/// <summary>The names of the external events a consultation orchestration waits for.</summary>
public static class ConsultationEvents
{
    public const string Response = nameof(Response);
    public const string Withdraw = nameof(Withdraw);
    public const string Extend = nameof(Extend);
}

/// <summary>A nation's response, raised once the HTTP layer has validated, authorized and stored it.</summary>
public sealed record ResponseEvent(string Nation, Position Position, string Respondent, DateTime SubmittedAt);

/// <summary>Staff withdraw the consultation.</summary>
public sealed record WithdrawEvent(string Reason, string RequestedBy, DateTime RequestedAt);

/// <summary>Staff move the deadline later by <see cref="By"/>.</summary>
public sealed record ExtendEvent(TimeSpan By, string RequestedBy, DateTime RequestedAt);

/// <summary>A counted position, as the orchestration closes the consultation with it.</summary>
public sealed record CountedResponse(string Nation, Position Position);

/// <summary>What the orchestration asks the close activity to record.</summary>
public sealed record CloseRequest(
    string ConsultationId,
    ConsultationStatus Status,
    string Reason,
    DateTime ClosedAt,
    IReadOnlyList<CountedResponse> Counted,
    string ClosedBy);

/// <summary>The extension to store: the new deadline the orchestration now runs to.</summary>
public sealed record ExtensionRequest(string ConsultationId, DateTime PreviousDeadline, DateTime NewDeadline, string RequestedBy, DateTime RequestedAt);

/// <summary>A reminder to the nations that have not answered.</summary>
public sealed record ReminderRequest(string ConsultationId, string Title, DateTime Deadline, int ReminderNumber, IReadOnlyList<string> Nations, DateTime SentAt);

/// <summary>The result of a consultation orchestration.</summary>
public sealed record ConsultationResult(string ConsultationId, ConsultationStatus Status, string Reason, DateTime ClosedAt, IReadOnlyList<CountedResponse> Counted, string? RecordBlob);
