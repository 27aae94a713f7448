using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace G7Flows.Benchmarks;

/// <summary>What happened to one consultation, on the benchmark's clock (<see cref="Stopwatch"/> timestamps).</summary>
internal sealed class ConsultationTrace
{
    public int Index { get; init; }

    public string? Id { get; set; }

    public long StartSent { get; set; }

    public double StartLatencyMs { get; set; }

    public List<double> ResponseLatenciesMs { get; } = new(7);

    /// <summary>When the 202 of the last of the seven responses arrived.</summary>
    public long LastAccepted { get; set; }

    public DateTimeOffset LastAcceptedUtc { get; set; }

    /// <summary>When the first poll that showed the record arrived (0: never).</summary>
    public long RecordSeen { get; set; }

    /// <summary>When the last poll that did not show the record yet was sent (its read happened after this).</summary>
    public long LastEmptyPollSent { get; set; }

    public int Polls { get; set; }

    /// <summary>When the server stored the record's name on the consultation (the row's storage timestamp).</summary>
    public DateTimeOffset? RecordStoredUtc { get; set; }

    public string? Failure { get; set; }
}

/// <summary>One accepted response POST: when its 202 arrived and how long it took.</summary>
internal readonly record struct Accepted(long At, double LatencyMs);

/// <summary>The outcome of one load phase.</summary>
internal sealed record LoadResult(
    IReadOnlyList<ConsultationTrace> Consultations,
    IReadOnlyList<Accepted> Responses,
    long Began,
    DateTimeOffset BeganUtc,
    long ClientsFinished,
    long Ended,
    long Gets,
    IReadOnlyDictionary<string, int> Errors);

/// <summary>
/// Drives consultations through the HTTP API with a fixed number of concurrent clients (a closed loop). Each client
/// takes the next consultation, starts it (POST /api/consultations), posts the seven nations' responses one after the
/// other, hands the consultation to a watcher, and takes the next one. Watchers poll GET /api/consultations/{id}
/// every poll interval until its <c>record</c> is set.
/// </summary>
internal sealed class LoadDriver(HttpClient http, Tokens tokens, int pollIntervalMs, string runId)
{
    public static readonly string[] Nations = ["CA", "FR", "DE", "IT", "JP", "GB", "US"];

    private static readonly TimeSpan RecordTimeout = TimeSpan.FromMinutes(3);

    private readonly string staffToken = tokens.Staff();
    private readonly Dictionary<string, string> reviewerTokens = Nations.ToDictionary(n => n, tokens.Reviewer, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> errors = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Accepted> accepted = new();
    private long gets;
    private int recordsSeen;

    /// <summary>Responses accepted so far (for the timeline).</summary>
    public int AcceptedCount => this.accepted.Count;

    public int RecordsSeen => Volatile.Read(ref this.recordsSeen);

    public async Task<LoadResult> RunAsync(string phase, int count, int clients)
    {
        this.errors.Clear();
        this.accepted.Clear();
        Interlocked.Exchange(ref this.gets, 0);
        Interlocked.Exchange(ref this.recordsSeen, 0);
        var traces = new ConsultationTrace[count];
        var watchers = new ConcurrentQueue<Task>();
        int next = -1;
        long began = Stopwatch.GetTimestamp();
        DateTimeOffset beganUtc = DateTimeOffset.UtcNow;

        async Task ClientAsync()
        {
            for (int i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                var trace = traces[i] = new ConsultationTrace { Index = i };
                if (await this.StartAndRespondAsync(phase, trace))
                {
                    watchers.Enqueue(this.WatchAsync(trace));
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(ClientAsync)));
        long clientsFinished = Stopwatch.GetTimestamp();
        await Task.WhenAll(watchers);
        long ended = Stopwatch.GetTimestamp();
        return new LoadResult(traces, [.. this.accepted], began, beganUtc, clientsFinished, ended, Interlocked.Read(ref this.gets), new Dictionary<string, int>(this.errors));
    }

    private async Task<bool> StartAndRespondAsync(string phase, ConsultationTrace trace)
    {
        var proposal = new
        {
            title = $"Benchmark consultation {trace.Index.ToString(CultureInfo.InvariantCulture)}",
            kind = "joint-exercise",
            summary = "Scenario-based peacekeeping exercise to build interoperability.",
            proposer = Nations[0],
            participants = Nations,
            rule = "unanimity",
            responseWindow = "PT30M",
            reminders = Array.Empty<string>(),
        };
        string key = $"{runId}-{phase}-{trace.Index.ToString(CultureInfo.InvariantCulture)}";
        trace.StartSent = Stopwatch.GetTimestamp();
        var (status, body, latency) = await this.SendWithRetriesAsync("start", HttpMethod.Post, "/api/consultations", this.staffToken, proposal, key);
        if (status != HttpStatusCode.Accepted)
        {
            trace.Failure = $"start: {(int)status}";
            return false;
        }

        trace.StartLatencyMs = latency;
        using (JsonDocument json = JsonDocument.Parse(body))
        {
            trace.Id = json.RootElement.GetProperty("id").GetString();
        }

        foreach (string nation in Nations)
        {
            (status, _, latency) = await this.SendWithRetriesAsync(
                "respond", HttpMethod.Post, $"/api/consultations/{trace.Id}/responses/{nation}", this.reviewerTokens[nation], new { position = "approve" }, null);
            if (status != HttpStatusCode.Accepted)
            {
                trace.Failure = $"respond {nation}: {(int)status}";
                return false;
            }

            long now = Stopwatch.GetTimestamp();
            trace.ResponseLatenciesMs.Add(latency);
            this.accepted.Enqueue(new Accepted(now, latency));
            trace.LastAccepted = now;
            trace.LastAcceptedUtc = DateTimeOffset.UtcNow;
        }

        return true;
    }

    private async Task WatchAsync(ConsultationTrace trace)
    {
        long deadline = trace.LastAccepted + (long)(RecordTimeout.TotalSeconds * Stopwatch.Frequency);
        trace.LastEmptyPollSent = trace.LastAccepted;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(pollIntervalMs);
            long sent = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref this.gets);
            trace.Polls++;
            var (status, body, _) = await this.SendAsync(HttpMethod.Get, $"/api/consultations/{trace.Id}", this.staffToken, null, null);
            if (status != HttpStatusCode.OK)
            {
                this.errors.AddOrUpdate($"poll: {(int)status}", 1, (_, n) => n + 1);
                continue;
            }

            using JsonDocument json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("record", out JsonElement record) && record.ValueKind == JsonValueKind.String)
            {
                trace.RecordSeen = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref this.recordsSeen);
                return;
            }

            trace.LastEmptyPollSent = sent;
        }

        trace.Failure = "record not published in time";
    }

    /// <summary>Sends a request; 5xx and transport failures are counted and tried again (the API is idempotent for these calls).</summary>
    private async Task<(HttpStatusCode Status, string Body, double LatencyMs)> SendWithRetriesAsync(
        string what, HttpMethod method, string path, string token, object? body, string? idempotencyKey)
    {
        (HttpStatusCode Status, string Body, double LatencyMs) result = default;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            result = await this.SendAsync(method, path, token, body, idempotencyKey);
            if (result.Status is HttpStatusCode.Accepted or HttpStatusCode.OK)
            {
                return result;
            }

            this.errors.AddOrUpdate($"{what}: {(int)result.Status}", 1, (_, n) => n + 1);
            if ((int)result.Status is > 0 and < 500)
            {
                return result;
            }

            await Task.Delay(200);
        }

        return result;
    }

    private async Task<(HttpStatusCode Status, string Body, double LatencyMs)> SendAsync(
        HttpMethod method, string path, string token, object? body, string? idempotencyKey)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        long sent = Stopwatch.GetTimestamp();
        try
        {
            using HttpResponseMessage response = await http.SendAsync(request);
            string text = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, text, Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
        }
        catch (HttpRequestException)
        {
            return (0, string.Empty, Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
        }
        catch (TaskCanceledException)
        {
            return (0, string.Empty, Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
        }
    }
}
