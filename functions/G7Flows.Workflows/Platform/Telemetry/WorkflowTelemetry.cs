using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace G7Flows.Workflows.Platform.Telemetry;

/// <summary>
/// The workflow core's traces and metrics, the same in both hosts: one <see cref="ActivitySource"/> for the spans of
/// HTTP handlers and activities, one <see cref="Meter"/> for what the workflows do. Attributes carry ids, names of
/// steps, outcomes and reasons only: never a token, a comment, a title, a person's name or address.
/// </summary>
public static class WorkflowTelemetry
{
    /// <summary>The name of the activity source and of the meter, to subscribe to in an exporter.</summary>
    public const string Name = "G7Flows.Workflows";

    /// <summary>Attribute names; <c>g7flows.*</c> for the workflow's own.</summary>
    public static class Tags
    {
        public const string Workflow = "g7flows.workflow";
        public const string Operation = "g7flows.operation";
        public const string WorkflowId = "g7flows.workflow.id";
        public const string Activity = "g7flows.activity";
        public const string Outcome = "g7flows.outcome";
        public const string Reason = "g7flows.reason";
        public const string Rule = "g7flows.rule";
        public const string Kind = "g7flows.kind";
        public const string Nation = "g7flows.nation";
        public const string StatusCode = "http.response.status_code";
        public const string ErrorType = "error.type";
    }

    public static ActivitySource Source { get; } = new(Name, typeof(WorkflowTelemetry).Assembly.GetName().Version?.ToString());

    public static Meter Meter { get; } = new(Name, typeof(WorkflowTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Workflows started, by workflow and kind of proposal.</summary>
    public static Counter<long> WorkflowsStarted { get; } =
        Meter.CreateCounter<long>("g7flows.workflows.started", "{workflow}", "Workflow instances started (a retried start with the same Idempotency-Key is counted once).");

    /// <summary>Workflows closed, by workflow and outcome.</summary>
    public static Counter<long> WorkflowsClosed { get; } =
        Meter.CreateCounter<long>("g7flows.workflows.closed", "{workflow}", "Workflow instances closed, by outcome.");

    /// <summary>How long a workflow ran from its start to its close.</summary>
    public static Histogram<double> WorkflowDuration { get; } =
        Meter.CreateHistogram<double>("g7flows.workflow.duration", "s", "Time from a workflow's start to its close.");

    /// <summary>Answers taken (202: stored, and therefore counted in the outcome) and refused, by reason.</summary>
    public static Counter<long> Answers { get; } =
        Meter.CreateCounter<long>("g7flows.answers", "{answer}", "Answers to a workflow's step: accepted (counted) or refused, with the refusal's reason.");

    /// <summary>Workflows whose deciding event the decision sweep sent again (the process that took the answer stopped before it sent it).</summary>
    public static Counter<long> WorkflowsWoken { get; } =
        Meter.CreateCounter<long>("g7flows.workflows.woken", "{workflow}", "Decided workflows still open after the grace period, whose orchestration the decision sweep woke again.");

    /// <summary>Every HTTP handler's result, by operation and status.</summary>
    public static Counter<long> Requests { get; } =
        Meter.CreateCounter<long>("g7flows.api.results", "{request}", "Results of the workflow API's handlers, by operation, status code and problem type.");

    /// <summary>Durable activities' run time, by activity and outcome.</summary>
    public static Histogram<double> ActivityDuration { get; } =
        Meter.CreateHistogram<double>("g7flows.activity.duration", "s", "Run time of durable activities, by activity and outcome.");

    /// <summary>Durable activities that threw (the engine retries them with back-off).</summary>
    public static Counter<long> ActivityFailures { get; } =
        Meter.CreateCounter<long>("g7flows.activity.failures", "{failure}", "Durable activity runs that failed, by activity and error type.");

    /// <summary>The short problem type of a problem-details answer: <c>consultation-closed</c> for <c>https://g7flows.dev/problems/consultation-closed</c>.</summary>
    public static string? ProblemName(string? type) =>
        type is null ? null : type[(type.LastIndexOf('/') + 1)..];
}
