using G7Flows.Workflows.Consultations.Api;
using G7Flows.Workflows.Platform.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace G7Flows.Workflows.Consultations;

/// <summary>The consultation workflow's measurements on the core's <see cref="WorkflowTelemetry.Meter"/>.</summary>
public static class ConsultationTelemetry
{
    /// <summary>A consultation was stored for the first time (not a retried start).</summary>
    public static void Started(string rule, string kind) =>
        WorkflowTelemetry.WorkflowsStarted.Add(
            1,
            new(WorkflowTelemetry.Tags.Workflow, ConsultationApi.WorkflowName),
            new(WorkflowTelemetry.Tags.Rule, rule),
            new(WorkflowTelemetry.Tags.Kind, kind));

    /// <summary>A consultation was closed now (by this call, not found closed by a retry), with its outcome.</summary>
    public static void Closed(string outcome, string rule, TimeSpan openFor)
    {
        WorkflowTelemetry.WorkflowsClosed.Add(
            1,
            new(WorkflowTelemetry.Tags.Workflow, ConsultationApi.WorkflowName),
            new(WorkflowTelemetry.Tags.Outcome, outcome),
            new(WorkflowTelemetry.Tags.Rule, rule));
        WorkflowTelemetry.WorkflowDuration.Record(
            Math.Max(0, openFor.TotalSeconds),
            new(WorkflowTelemetry.Tags.Workflow, ConsultationApi.WorkflowName),
            new(WorkflowTelemetry.Tags.Outcome, outcome));
    }

    /// <summary>The decision sweep woke <paramref name="count"/> decided consultations that were still open.</summary>
    public static void Swept(int count) =>
        WorkflowTelemetry.WorkflowsWoken.Add(count, new KeyValuePair<string, object?>(WorkflowTelemetry.Tags.Workflow, ConsultationApi.WorkflowName));

    /// <summary>The result of an answer: 202 is accepted (stored, so counted in the outcome); anything else is refused, by problem type.</summary>
    public static void AnswerResult(IResult result)
    {
        int status = (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
        bool accepted = status == StatusCodes.Status202Accepted;
        string reason = accepted
            ? "none"
            : WorkflowTelemetry.ProblemName(((result as IValueHttpResult)?.Value as ProblemDetails)?.Type) ?? status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        WorkflowTelemetry.Answers.Add(
            1,
            new(WorkflowTelemetry.Tags.Workflow, ConsultationApi.WorkflowName),
            new(WorkflowTelemetry.Tags.Outcome, accepted ? "accepted" : "refused"),
            new(WorkflowTelemetry.Tags.Reason, reason));
    }
}
