
namespace G7Flows.Workflows.Consultations.Domain;

/// <summary>The input of a consultation orchestration: everything it needs to run without reading storage.</summary>
/// <param name="AnswersRaiseDecisiveEvents">
/// True for consultations started since answers wake the orchestration only when the stored answers decide the
/// outcome (<see cref="ResponseEvent.Decisive"/>): the orchestration then needs no opening read. False (the default of
/// older inputs) keeps the earlier steps, so an orchestration in flight replays the history it wrote.
/// </param>
public sealed record ConsultationInput(
    string ConsultationId,
    string Title,
    DecisionRule Rule,
    double Threshold,
    IReadOnlyList<string> Participants,
    DateTime Deadline,
    IReadOnlyList<TimeSpan> Reminders,
    bool AnswersRaiseDecisiveEvents = false);

/// <summary>The names of the external events a consultation orchestration waits for.</summary>
public static class ConsultationEvents
{
    public const string Response = nameof(Response);
    public const string Withdraw = nameof(Withdraw);
    public const string Extend = nameof(Extend);
}

/// <summary>A nation's response, raised once the HTTP layer has validated, authorized and stored it.</summary>
/// <param name="Decisive">
/// The stored answers, this one included, decide the outcome under the rule: the orchestration closes at once. The API
/// raises an event only for such an answer; the others wait, stored, for the close (which counts every stored answer).
/// </param>
public sealed record ResponseEvent(string Nation, Position Position, string Respondent, DateTime SubmittedAt, bool Decisive = false);

/// <summary>Staff withdraw the consultation.</summary>
public sealed record WithdrawEvent(string Reason, string RequestedBy, DateTime RequestedAt);

/// <summary>
/// Staff moved the deadline to <see cref="Until"/>. The HTTP layer has already stored it (with the row's ETag); the
/// event wakes the orchestration to plan its timers again. The stored deadline is what counts: a lost event is made
/// good when the old deadline timer fires and the close finds a later deadline stored.
/// </summary>
public sealed record ExtendEvent(DateTime Until, string RequestedBy, DateTime RequestedAt);

/// <summary>A counted position, as the orchestration closes the consultation with it.</summary>
public sealed record CountedResponse(string Nation, Position Position);

/// <summary>Why the orchestration asks to close.</summary>
public enum CloseTrigger
{
    /// <summary>The answers it has seen make the outcome certain.</summary>
    Rule,

    /// <summary>The deadline timer fired.</summary>
    Deadline,

    /// <summary>Staff withdrew the consultation.</summary>
    Withdrawal,
}

/// <summary>
/// What the orchestration asks the close activity to do. The activity decides from the stored answers, under the
/// consultation row's ETag, so that an answer is either stored before the close (and counted) or refused after it.
/// </summary>
/// <param name="Deadline">The deadline the orchestration ran to; at <see cref="CloseTrigger.Deadline"/>, a later stored deadline means an extension.</param>
/// <param name="Reason">For a withdrawal: the reason staff gave.</param>
public sealed record CloseRequest(
    string ConsultationId,
    CloseTrigger Trigger,
    DateTime Deadline,
    DateTime ClosedAt,
    string ClosedBy,
    string? Reason = null);

/// <summary>
/// What the close activity did: closed with an outcome and the answers it counted, or left the consultation open
/// (the outcome is not certain from what is stored, or the stored deadline is later than the timer's).
/// </summary>
/// <param name="RecordBlob">The record the close published in the same activity; null from a close that did not publish (the orchestration then publishes).</param>
public sealed record CloseResult(
    bool Closed,
    ConsultationStatus Status,
    string Reason,
    IReadOnlyList<CountedResponse> Counted,
    DateTime StoredDeadline,
    string? RecordBlob = null);

/// <summary>A workflow that could not go on: what failed, for the consultation row and staff.</summary>
public sealed record FailureRequest(string ConsultationId, string Step, string Reason, DateTime FailedAt);

/// <summary>An extension the HTTP layer stored: the copies of the deadline (inbox tasks, listing) follow it.</summary>
public sealed record ExtensionRequest(string ConsultationId, DateTime PreviousDeadline, DateTime NewDeadline, string RequestedBy, DateTime RequestedAt);

/// <summary>A reminder to the nations that have not answered.</summary>
public sealed record ReminderRequest(string ConsultationId, string Title, DateTime Deadline, int ReminderNumber, IReadOnlyList<string> Nations, DateTime SentAt);

/// <summary>The result of a consultation orchestration.</summary>
public sealed record ConsultationResult(string ConsultationId, ConsultationStatus Status, string Reason, DateTime ClosedAt, IReadOnlyList<CountedResponse> Counted, string? RecordBlob);
