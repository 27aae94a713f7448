using G7Flows.Workflows.Consultations.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace G7Flows.Functions.Functions;

/// <summary>
/// The decision sweep's timer (see <see cref="DecisiveAnswers"/>): bound to the setting the server's scheduler reads
/// (<see cref="DecisiveAnswers.ScheduleSetting"/>). The Functions host runs one timer at a time across instances.
/// </summary>
public sealed class ConsultationTimerTriggers(IServiceProvider services, TimeProvider clock)
{
    /// <summary>The timer's schedule expression: the setting's value, resolved by the Functions host.</summary>
    public const string ScheduleBinding = "%" + DecisiveAnswers.ScheduleSetting + "%";

    [Function(DecisiveAnswers.ScheduleName)]
    public Task ConsultationDecisionSweep(
        [TimerTrigger(ScheduleBinding)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ScheduledTimers.RunAsync(DecisiveAnswers.ScheduleName, timer, client, services, clock, context.CancellationToken);
    }
}
