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

/// <summary>One offered rate of an open-loop run: what was offered, what was taken and how long it took.</summary>
/// <param name="DrainSeconds">How long after the last answer was due the last reply came (0 when the server kept up).</param>
/// <param name="ResponsePostMs">From the moment each answer was due to its 202.</param>
internal sealed record OpenLoopStep(
    double OfferedPerSecond,
    int Seconds,
    int AnswersOffered,
    int AnswersAccepted,
    int AnswersFailed,
    double AcceptedPerSecond,
    double DrainSeconds,
    LatencySummary ResponsePostMs,
    LatencySummary LastResponseToRecordMs,
    int ConsultationsCompleted,
    int Consultations,
    IReadOnlyDictionary<string, int> Errors);

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
internal sealed class LoadDriver(IReadOnlyList<HttpClient> servers, Tokens tokens, int pollIntervalMs, string runId)
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

    /// <summary>
    /// Answers arriving one at a time, as reviewers send them: one consultation after another; its start, then its
    /// seven answers, each sent once the previous one got its 202 and <paramref name="gapMs"/> later; then its record is
    /// awaited before the next consultation starts. Nothing overlaps, so nothing is batched.
    /// </summary>
    public async Task<LoadResult> RunSequentialAsync(string phase, int count, int gapMs)
    {
        this.errors.Clear();
        this.accepted.Clear();
        Interlocked.Exchange(ref this.gets, 0);
        var traces = new ConsultationTrace[count];
        long began = Stopwatch.GetTimestamp();
        DateTimeOffset beganUtc = DateTimeOffset.UtcNow;
        for (int i = 0; i < count; i++)
        {
            var trace = traces[i] = new ConsultationTrace { Index = i };
            if (await this.StartAndRespondAsync(phase, trace, gapMs))
            {
                await this.WatchAsync(trace);
            }
        }

        long ended = Stopwatch.GetTimestamp();
        return new LoadResult(traces, [.. this.accepted], began, beganUtc, ended, ended, Interlocked.Read(ref this.gets), new Dictionary<string, int>(this.errors));
    }

    /// <summary>
    /// An open loop: answers are sent at a fixed rate whatever the server's replies (as users' arrive), for
    /// <paramref name="seconds"/>. Consultations are started a group ahead of their answers (a group is as many
    /// consultations as answers per second, so a consultation's answers come about a second apart); each answer's
    /// latency is measured from the moment it was due, so a slow server cannot slow the arrivals down.
    /// </summary>
    public async Task<OpenLoopStep> RunOpenLoopAsync(string phase, double rate, int seconds)
    {
        this.errors.Clear();
        this.accepted.Clear();
        Interlocked.Exchange(ref this.gets, 0);
        int answers = (int)Math.Ceiling(rate * seconds);
        int group = Math.Max(1, (int)Math.Ceiling(rate));
        int consultations = (int)Math.Ceiling(answers / (double)LoadDriver.Nations.Length);
        var traces = new ConsultationTrace[consultations];
        var started = new Task<bool>[consultations];
        var answersLeft = new int[consultations];
        var sends = new List<Task>(answers);
        var watchers = new ConcurrentQueue<Task>();
        var latencies = new ConcurrentQueue<double>();
        int failed = 0;

        void StartGroup(int first)
        {
            for (int c = first; c < Math.Min(first + group, consultations); c++)
            {
                var trace = traces[c] = new ConsultationTrace { Index = c };
                answersLeft[c] = LoadDriver.Nations.Length;
                started[c] = this.StartAsync(phase, trace);
            }
        }

        StartGroup(0);
        long began = Stopwatch.GetTimestamp();
        DateTimeOffset beganUtc = DateTimeOffset.UtcNow;
        for (int k = 0; k < answers; k++)
        {
            // Answer k goes to consultation (group g, member m), nation round r.
            int g = k / (group * LoadDriver.Nations.Length), inGroup = k % (group * LoadDriver.Nations.Length);
            int members = Math.Min(group, consultations - (g * group));
            int r = inGroup / members, m = inGroup % members;
            int c = (g * group) + m;
            if (c >= consultations || r >= LoadDriver.Nations.Length)
            {
                continue;
            }

            if (inGroup == 0 && (g + 1) * group < consultations)
            {
                StartGroup((g + 1) * group);
            }

            long due = began + (long)(k / rate * Stopwatch.Frequency);
            TimeSpan wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            string nation = LoadDriver.Nations[r];
            int consultation = c;
            sends.Add(Task.Run(async () =>
            {
                ConsultationTrace trace = traces[consultation];
                if (!await started[consultation])
                {
                    Interlocked.Increment(ref failed);
                    return;
                }

                var (status, _, _) = await this.SendWithRetriesAsync(
                    "respond", HttpMethod.Post, $"/api/consultations/{trace.Id}/responses/{nation}", this.reviewerTokens[nation], new { position = "approve" }, null, this.ServerFor(trace));
                double fromDue = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
                if (status != HttpStatusCode.Accepted)
                {
                    Interlocked.Increment(ref failed);
                    trace.Failure = $"respond {nation}: {(int)status}";
                    return;
                }

                long now = Stopwatch.GetTimestamp();
                latencies.Enqueue(fromDue);
                this.accepted.Enqueue(new Accepted(now, fromDue));
                if (Interlocked.Decrement(ref answersLeft[consultation]) == 0)
                {
                    trace.LastAccepted = now;
                    trace.LastAcceptedUtc = DateTimeOffset.UtcNow;
                    watchers.Enqueue(this.WatchAsync(trace));
                }
            }));
        }

        long lastDue = Stopwatch.GetTimestamp();
        await Task.WhenAll(sends);
        long sent = Stopwatch.GetTimestamp();
        await Task.WhenAll(watchers);
        long[] at = [.. this.accepted.Select(a => a.At).Order()];
        double achieved = at.Length > 1 ? (at.Length - 1) / ((at[^1] - at[0]) / (double)Stopwatch.Frequency) : double.NaN;
        var done = traces.Where(t => t is not null && t.Failure is null && t.RecordSeen != 0).ToList();
        return new OpenLoopStep(
            rate,
            seconds,
            answers,
            latencies.Count,
            failed,
            Math.Round(achieved, 1),
            Math.Round((sent - lastDue) / (double)Stopwatch.Frequency, 2),
            LatencySummary.Of(latencies),
            LatencySummary.Of(done.Select(t => (t.RecordSeen - t.LastAccepted) * 1000.0 / Stopwatch.Frequency)),
            done.Count,
            consultations,
            new Dictionary<string, int>(this.errors));
    }

    private HttpClient ServerFor(ConsultationTrace trace) => servers[trace.Index % servers.Count];

    private async Task<bool> StartAsync(string phase, ConsultationTrace trace)
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
        var (status, body, latency) = await this.SendWithRetriesAsync("start", HttpMethod.Post, "/api/consultations", this.staffToken, proposal, key, this.ServerFor(trace));
        if (status != HttpStatusCode.Accepted)
        {
            trace.Failure = $"start: {(int)status}";
            return false;
        }

        trace.StartLatencyMs = latency;
        using JsonDocument json = JsonDocument.Parse(body);
        trace.Id = json.RootElement.GetProperty("id").GetString();
        return true;
    }

    private async Task<bool> StartAndRespondAsync(string phase, ConsultationTrace trace, int gapMs = 0)
    {
        if (!await this.StartAsync(phase, trace))
        {
            return false;
        }

        foreach (string nation in Nations)
        {
            if (gapMs > 0)
            {
                await Task.Delay(gapMs);
            }

            var (status, _, latency) = await this.SendWithRetriesAsync(
                "respond", HttpMethod.Post, $"/api/consultations/{trace.Id}/responses/{nation}", this.reviewerTokens[nation], new { position = "approve" }, null, this.ServerFor(trace));
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
            var (status, body, _) = await this.SendAsync(HttpMethod.Get, $"/api/consultations/{trace.Id}", this.staffToken, null, null, this.ServerFor(trace));
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
        string what, HttpMethod method, string path, string token, object? body, string? idempotencyKey, HttpClient http)
    {
        (HttpStatusCode Status, string Body, double LatencyMs) result = default;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            result = await this.SendAsync(method, path, token, body, idempotencyKey, http);
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
        HttpMethod method, string path, string token, object? body, string? idempotencyKey, HttpClient http)
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
