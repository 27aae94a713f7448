using System.Diagnostics;
using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Platform.Storage;
using G7Flows.Workflows.Platform.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace G7Flows.Workflows.Platform.Http;

/// <summary>What every workflow's HTTP handlers do the same way: refusals, the caller's address, time, outages.</summary>
public static class HandlerSupport
{
    /// <summary>The problem answer for a refused authorization, or null when the decision allows.</summary>
    public static IResult? Refused(AuthorizationDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return decision switch
        {
            { Allowed: true } => null,
            { Status: 401 } => Problems.Unauthorized(decision.Reason),
            _ => Problems.Forbidden(decision.Reason),
        };
    }

    /// <summary>Where a request came from, for the audit trail.</summary>
    public static string Source(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }

    /// <summary>Times are stored to the millisecond, so that what is read back equals what was written.</summary>
    public static DateTimeOffset TruncateToMilliseconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    /// <summary>
    /// Runs a handler as <paramref name="workflow"/>'s <paramref name="operation"/> inside a span, and counts its result
    /// by status code and problem type (<see cref="WorkflowTelemetry.Requests"/>); otherwise as
    /// <see cref="GuardAsync(ILogger, Func{CancellationToken, Task{IResult}})"/>.
    /// </summary>
    public static async Task<IResult> GuardAsync(ILogger logger, string workflow, string operation, Func<CancellationToken, Task<IResult>> handler)
    {
        using Activity? span = WorkflowTelemetry.Source.StartActivity($"{workflow}.{operation}", ActivityKind.Internal);
        span?.SetTag(WorkflowTelemetry.Tags.Workflow, workflow);
        span?.SetTag(WorkflowTelemetry.Tags.Operation, operation);
        IResult result = await GuardAsync(logger, handler);
        int status = (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
        string? problem = WorkflowTelemetry.ProblemName(((result as IValueHttpResult)?.Value as Microsoft.AspNetCore.Mvc.ProblemDetails)?.Type);
        span?.SetTag(WorkflowTelemetry.Tags.StatusCode, status);
        if (problem is not null)
        {
            span?.SetTag(WorkflowTelemetry.Tags.Reason, problem);
        }

        if (status >= 500)
        {
            span?.SetStatus(ActivityStatusCode.Error);
        }

        logger.LogDebug("{Workflow}.{Operation} answered {StatusCode} ({Reason})", workflow, operation, status, problem ?? "none");
        WorkflowTelemetry.Requests.Add(
            1,
            new(WorkflowTelemetry.Tags.Workflow, workflow),
            new(WorkflowTelemetry.Tags.Operation, operation),
            new(WorkflowTelemetry.Tags.StatusCode, status),
            new(WorkflowTelemetry.Tags.Reason, problem ?? "none"));
        return result;
    }

    /// <summary>Runs a handler; a storage outage becomes a 503 that says nothing was changed.</summary>
    public static async Task<IResult> GuardAsync(ILogger logger, Func<CancellationToken, Task<IResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        try
        {
            return await handler(CancellationToken.None);
        }
        catch (Exception ex) when (StorageFaults.IsUnavailable(ex))
        {
            logger.LogWarning(ex, "Storage is not answering");
            return Problems.Unavailable("Storage is not answering; nothing was changed. Try again shortly.");
        }
    }
}
