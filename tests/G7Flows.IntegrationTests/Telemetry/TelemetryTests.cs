using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using G7Flows.IntegrationTests.Infrastructure;
using G7Flows.Workflows.Platform.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Xunit;

namespace G7Flows.IntegrationTests.Telemetry;

/// <summary>
/// One consultation through the in-process server with in-memory exporters: the spans and metric points it produces,
/// and that nothing a caller sent as content (token, title, comment) or a person's name reaches any attribute.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests : IAsyncLifetime
{
    private const string Title = "Telemetry canary title Q7XK";
    private const string Comment = "Telemetry canary comment from Paris ZK4M";
    private const string Summary = "Telemetry canary summary W2PD";

    private readonly List<Activity> spans = [];
    private readonly List<Metric> metrics = [];
    private readonly CapturingLoggerProvider logs = new();
    private Azurite? azurite;
    private InProcessServer? server;

    public async Task InitializeAsync()
    {
        this.azurite = await Azurite.StartAsync();
        this.server = await InProcessServer.StartAsync(this.azurite.ConnectionString, "telemetry", services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(this.spans));
            services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(this.metrics));
            services.AddLogging(l => l.AddProvider(this.logs).AddFilter<CapturingLoggerProvider>("G7Flows", LogLevel.Debug));
        });
    }

    public async Task DisposeAsync()
    {
        if (this.server is not null)
        {
            await this.server.DisposeAsync();
        }

        if (this.azurite is not null)
        {
            await this.azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task One_consultation_produces_the_workflow_spans_and_metric_points_without_content_or_personal_data()
    {
        // Arrange
        InProcessServer s = this.server!;
        string staff = Tokens.Staff("jane.staff@g7.example");
        string fr = Tokens.Reviewer("FR", "marie.reviewer@g7.example");
        string de = Tokens.Reviewer("DE", "hans.reviewer@g7.example");

        // Act: start, two answers (adopted at once), one refused answer, then the published record.
        using HttpResponseMessage started = await Send(s, HttpMethod.Post, "/api/consultations", staff, new
        {
            title = Title,
            kind = "joint-exercise",
            summary = Summary,
            proposer = "FR",
            participants = new[] { "FR", "DE" },
            rule = "unanimity",
            responseWindow = "PT2M",
        });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        string id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        using HttpResponseMessage frAnswer = await Send(s, HttpMethod.Post, $"/api/consultations/{id}/responses/FR", fr, new { position = "approve", comment = Comment });
        Assert.Equal(HttpStatusCode.Accepted, frAnswer.StatusCode);
        using HttpResponseMessage deAnswer = await Send(s, HttpMethod.Post, $"/api/consultations/{id}/responses/DE", de, new { position = "approve" });
        Assert.Equal(HttpStatusCode.Accepted, deAnswer.StatusCode);
        using HttpResponseMessage again = await Send(s, HttpMethod.Post, $"/api/consultations/{id}/responses/DE", de, new { position = "object", comment = Comment });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        await WaitForRecordAsync(s, id, staff);

        // The engine keeps polling (and the exporters keep adding) while the server runs: stop it, then flush and copy.
        await s.App.StopAsync();
        Flush(s);
        List<Activity> spans = [.. this.spans];
        List<Metric> metrics = [.. this.metrics];

        // Assert: spans of the handlers, the activities and the engine.
        string[] names = [.. spans.Select(a => a.DisplayName)];
        Assert.Contains("consultation.Start", names);
        Assert.Equal(3, names.Count(n => n == "consultation.Respond"));
        // A new consultation's workflow runs one activity: the close, which also publishes the record.
        Assert.Contains("activity CloseConsultationActivity", names);
        Assert.DoesNotContain("activity OpenConsultationActivity", names);
        string seenSpans = string.Join(", ", spans.Select(a => $"{a.Source.Name}: {a.DisplayName} {a.GetTagItem("http.route")}").Distinct());
        Assert.True(spans.Any(a => a.Source.Name == "DurableTask.Core"), seenSpans);
        Assert.True(spans.Any(a => a.Source.Name == "Microsoft.AspNetCore" && Equals(a.GetTagItem("http.route"), "/api/consultations/{id}/responses/{nation}")), seenSpans);
        Activity close = spans.First(a => a.DisplayName == "activity CloseConsultationActivity");
        Assert.Equal(id, close.GetTagItem(WorkflowTelemetry.Tags.WorkflowId));
        Activity refused = spans.Last(a => a.DisplayName == "consultation.Respond");
        Assert.Equal(409, refused.GetTagItem(WorkflowTelemetry.Tags.StatusCode));
        Assert.Equal("already-answered", refused.GetTagItem(WorkflowTelemetry.Tags.Reason));

        // Assert: metric points of the workflow.
        Assert.Equal(1, Sum(metrics, "g7flows.workflows.started", (WorkflowTelemetry.Tags.Rule, "unanimity")));
        Assert.Equal(1, Sum(metrics, "g7flows.workflows.closed", (WorkflowTelemetry.Tags.Outcome, "Adopted")));
        Assert.Equal(2, Sum(metrics, "g7flows.answers", (WorkflowTelemetry.Tags.Outcome, "accepted")));
        Assert.Equal(1, Sum(metrics, "g7flows.answers", (WorkflowTelemetry.Tags.Outcome, "refused"), (WorkflowTelemetry.Tags.Reason, "already-answered")));
        Assert.True(Count(metrics, "g7flows.activity.duration", (WorkflowTelemetry.Tags.Activity, "CloseConsultationActivity")) >= 1);
        Assert.True(Count(metrics, "g7flows.workflow.duration", (WorkflowTelemetry.Tags.Outcome, "Adopted")) == 1);
        Assert.Equal(1, Sum(metrics, "g7flows.api.results", (WorkflowTelemetry.Tags.Operation, "Start"), (WorkflowTelemetry.Tags.StatusCode, 202)));

        // Assert: log lines written while a request or an activity of the consultation ran carry its id.
        var lines = this.logs.Lines.ToList();
        Assert.Contains(lines, l => l.Message == "consultation.Respond answered 202 (none)" && Equals(l.Scope.GetValueOrDefault(WorkflowTelemetry.Tags.WorkflowId), id));
        Assert.Contains(lines, l => l.Category == "G7Flows.Workflows.Activities" && l.Message.StartsWith("Activity CloseConsultationActivity ran", StringComparison.Ordinal)
            && Equals(l.Scope.GetValueOrDefault(WorkflowTelemetry.Tags.WorkflowId), id));

        // Assert: no content or personal data in any attribute, span name, event, metric point or G7Flows log line.
        string[] secrets =
        [
            staff, fr, de, staff.Split('.')[2], fr.Split('.')[2], Title, Comment, Summary,
            "jane.staff", "marie.reviewer", "hans.reviewer", "Paris ZK4M",
        ];
        List<string> seen =
        [
            .. spans.SelectMany(Texts),
            .. metrics.SelectMany(Texts),
            .. lines.SelectMany(l => l.Scope.Select(v => $"{v.Key}={v.Value}").Append(l.Message)),
        ];
        Assert.NotEmpty(seen);
        foreach (string secret in secrets)
        {
            Assert.DoesNotContain(seen, t => t.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    private static async Task<HttpResponseMessage> Send(InProcessServer server, HttpMethod method, string path, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await server.Http.SendAsync(request);
    }

    private static async Task WaitForRecordAsync(InProcessServer server, string id, string token)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            using HttpResponseMessage reply = await Send(server, HttpMethod.Get, $"/api/consultations/{id}", token);
            JsonElement body = await reply.Content.ReadFromJsonAsync<JsonElement>();
            if (body.TryGetProperty("record", out JsonElement record) && record.ValueKind == JsonValueKind.String)
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Consultation {id} was not closed and published in 60 s.");
    }

    private static void Flush(InProcessServer server)
    {
        Assert.True(server.App.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000), "The tracer provider did not flush.");
        Assert.True(server.App.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000), "The meter provider did not flush.");
    }

    private static IEnumerable<MetricPoint> Points(List<Metric> metrics, string name, (string Key, object Value)[] tags)
    {
        foreach (Metric metric in metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly MetricPoint point in metric.GetMetricPoints())
            {
                var attributes = new Dictionary<string, object?>();
                foreach (KeyValuePair<string, object?> tag in point.Tags)
                {
                    attributes[tag.Key] = tag.Value;
                }

                if (tags.All(t => attributes.TryGetValue(t.Key, out object? v) && Equals(Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture), Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture))))
                {
                    yield return point;
                }
            }
        }
    }

    private static long Sum(List<Metric> metrics, string name, params (string Key, object Value)[] tags) =>
        Points(metrics, name, tags).Select(p => p.GetSumLong()).DefaultIfEmpty(0).Max();

    private static long Count(List<Metric> metrics, string name, params (string Key, object Value)[] tags) =>
        Points(metrics, name, tags).Select(p => p.GetHistogramCount()).DefaultIfEmpty(0).Max();

    private static IEnumerable<string> Texts(Activity span)
    {
        yield return span.DisplayName;
        yield return span.StatusDescription ?? string.Empty;
        foreach (KeyValuePair<string, object?> tag in span.TagObjects)
        {
            yield return $"{tag.Key}={tag.Value}";
        }

        foreach (ActivityEvent e in span.Events)
        {
            yield return e.Name;
            foreach (KeyValuePair<string, object?> tag in e.Tags)
            {
                yield return $"{tag.Key}={tag.Value}";
            }
        }

        foreach (KeyValuePair<string, string?> baggage in span.Baggage)
        {
            yield return $"{baggage.Key}={baggage.Value}";
        }
    }

    private static IEnumerable<string> Texts(Metric metric)
    {
        var texts = new List<string> { metric.Name };
        foreach (ref readonly MetricPoint point in metric.GetMetricPoints())
        {
            foreach (KeyValuePair<string, object?> tag in point.Tags)
            {
                texts.Add($"{tag.Key}={tag.Value}");
            }
        }

        return texts;
    }
}

/// <summary>
/// The core's ActivitySource and Meter are process-wide: run alone, so that no other test's server in this process adds
/// spans or points to what this one captures.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry (alone)";
}
