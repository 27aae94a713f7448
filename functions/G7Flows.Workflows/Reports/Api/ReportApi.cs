using G7Flows.Workflows.Platform.Http;
using G7Flows.Workflows.Platform.Publishing;
using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Reports.Domain;
using G7Flows.Workflows.Reports.Storage;
using G7Flows.Workflows.Reports.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using static G7Flows.Workflows.Platform.Http.HandlerSupport;

namespace G7Flows.Workflows.Reports.Api;

/// <summary>The body of <c>POST /api/reports</c>.</summary>
public sealed record ReportRequest(string? Period);

/// <summary>
/// Reports over HTTP: staff ask for a period's report (<c>POST /api/reports</c>); anyone reads the published ones
/// (<c>GET /api/public/reports</c>, <c>GET /api/public/reports/{period}</c> as JSON, CSV or HTML).
/// </summary>
public sealed class ReportApi(ReportStore reports, ReportStarter starter, TimeProvider clock, ILogger<ReportApi> logger)
{
    /// <summary><c>POST /api/reports</c>: 202 and the report's address when started or under way; 200 when published; 409 before the period ends.</summary>
    public Task<IResult> StartAsync(HttpRequest request, DurableTaskClient client) => this.GuardAsync(async ct =>
    {
        Caller? caller = Caller.FromPrincipal(request.HttpContext.User);
        if (Refused(Authorizer.Decide(caller, ApiAction.TriggerReport)) is { } refused)
        {
            return refused;
        }

        var (body, _, problem) = await RequestReader.ReadJsonAsync<ReportRequest>(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (!ReportPeriod.TryParse(body!.Period, out ReportPeriod period))
        {
            return Problems.Validation("period", "Use a month (2026-11) or a quarter (2026-Q4).");
        }

        DateTimeOffset now = clock.GetUtcNow();
        if (!period.HasEnded(now))
        {
            return Problems.Problem(
                StatusCodes.Status409Conflict,
                "period-not-ended",
                "The period has not ended.",
                $"{period} ends at {period.End:O}; its report can be made from then on.",
                new Dictionary<string, object?> { ["periodEnds"] = period.End });
        }

        ReportStart start = await starter.StartAsync(client, period, caller!.Name, now, ct);
        request.HttpContext.Response.Headers.Location = ReportFormats.PublicPath(period);
        var answer = new
        {
            period = period.ToString(),
            status = start == ReportStart.Published ? "published" : "generating",
            instanceId = ReportStarter.InstanceId(period),
            links = ReportFormats.Links(period),
        };
        return TypedResults.Json(answer, Json.Options, statusCode: start == ReportStart.Published ? StatusCodes.Status200OK : StatusCodes.Status202Accepted);
    });

    /// <summary><c>GET /api/public/reports</c>: the published reports, newest period first.</summary>
    public Task<IResult> ListAsync(HttpRequest request) => this.GuardAsync(async ct =>
        TypedResults.Json(await reports.ReadIndexAsync(ct), Json.Options));

    /// <summary><c>GET /api/public/reports/{period}</c>: JSON, or CSV or HTML by <c>Accept</c> or <c>?format=</c>.</summary>
    public Task<IResult> GetAsync(HttpRequest request, string period) => this.GuardAsync(async ct =>
    {
        if (!ReportPeriod.TryParse(period, out ReportPeriod p))
        {
            return Problems.NotFound("No report has this period; periods look like 2026-11 or 2026-Q4.");
        }

        string? format = FormatOf(request);
        if (format is null)
        {
            return Problems.Validation("format", "Use json, csv or html.");
        }

        if (await reports.ReadAsync(p, format, ct) is not { } content)
        {
            return Problems.NotFound(p.HasEnded(clock.GetUtcNow())
                ? $"The report for {p} is not published (yet)."
                : $"{p} has not ended; its report is made after {p.End:O}.");
        }

        if (content.Sha256 is { } hash)
        {
            request.HttpContext.Response.Headers.ETag = $"\"{hash}\"";
        }

        return TypedResults.Bytes(content.Content.ToArray(), content.ContentType);
    });

    /// <summary>The format asked for: <c>?format=</c> first (links a browser can follow), then <c>Accept</c>, else JSON.</summary>
    private static string? FormatOf(HttpRequest request)
    {
        string? query = request.Query["format"];
        if (query is not null)
        {
            return ReportFormats.All.FirstOrDefault(f => f.Equals(query, StringComparison.OrdinalIgnoreCase));
        }

        string accept = string.Join(',', request.Headers.Accept.Where(a => a is not null));
        return accept.Contains("text/html", StringComparison.OrdinalIgnoreCase) ? ReportFormats.Html
            : accept.Contains("text/csv", StringComparison.OrdinalIgnoreCase) ? ReportFormats.Csv
            : ReportFormats.Json;
    }

    private Task<IResult> GuardAsync(Func<CancellationToken, Task<IResult>> handler) => HandlerSupport.GuardAsync(logger, handler);
}
