using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using G7Flows.Server.Hosting;
using G7Flows.Workflows.Consultations.Storage;
using G7Flows.Workflows.Platform.Storage;

namespace G7Flows.Benchmarks;

/// <summary>
/// One benchmark run: Azurite and the server as child processes, a warm-up, a measurement of the idle storage traffic,
/// the measured load, a calibration of the polling cost, the raw table-write probe, then the figures.
/// </summary>
internal static class BenchmarkRun
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        string root = AzuriteProcess.FindRepositoryRoot(Directory.GetCurrentDirectory(), AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("Run the benchmark inside the G7Flows repository.");
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        string serverDll = Path.Combine(root, "functions", "G7Flows.Server", "bin", configuration, "net10.0", "G7Flows.Server.dll");
        if (!File.Exists(serverDll))
        {
            throw new InvalidOperationException($"The server is not built at {serverDll}; build with: dotnet build -c Release tests/G7Flows.Benchmarks");
        }

        if (configuration != "Release")
        {
            Log("Warning: this is a Debug build; use -c Release for figures worth comparing.");
        }

        string outPath = Path.GetFullPath(options.Out ?? Path.Combine(root, "docs", "benchmarks", "results.json"));
        string work = Path.Combine(Path.GetTempPath(), "g7flows-bench-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(work);
        string[] countersFiles = [.. Enumerable.Range(0, options.Instances).Select(i => Path.Combine(work, $"storage-counters-{i}.json"))];
        string serverLog = options.ServerLog is { } keep ? Path.GetFullPath(keep) : Path.Combine(work, "server.log");
        string LogOf(int instance) => instance == 0 ? serverLog : serverLog + $".{instance}";
        string runId = Guid.NewGuid().ToString("N")[..8];
        DateTimeOffset startedAt = DateTimeOffset.UtcNow;
        string loadBefore = ProcessStats.LoadAverage();
        string uptimeBefore = Run("uptime", string.Empty, root) ?? "unknown";
        Log($"Load average before: {loadBefore}. Work folder: {work}");

        try
        {
            await using AzuriteProcess azurite = await AzuriteProcess.StartAsync(
                root, Path.Combine(work, "azurite"), AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), inMemory: options.AzuriteInMemory);
            Log($"Azurite (pid {azurite.ProcessId}) listens on {azurite.BlobPort}/{azurite.QueuePort}/{azurite.TablePort}.");

            var tokens = new Tokens();
            var servers = new List<ServerHost>();
            var clients = new List<HttpClient>();
            try
            {
                for (int i = 0; i < options.Instances; i++)
                {
                    servers.Add(await ServerHost.StartAsync(serverDll, azurite.ConnectionString, countersFiles[i], LogOf(i), tokens, options.ServerSettings));
                    Log($"Server {i + 1} of {options.Instances} (pid {servers[i].ProcessId}) is healthy at {servers[i].BaseAddress}.");
                    clients.Add(new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5), MaxConnectionsPerServer = 1024 })
                    {
                        BaseAddress = servers[i].BaseAddress,
                        Timeout = TimeSpan.FromSeconds(60),
                    });
                }

                ServerHost server = servers[0];
                HttpClient http = clients[0];
                int[] serverPids = [.. servers.Select(h => h.ProcessId)];
                var driver = new LoadDriver(clients, tokens, options.PollIntervalMs, runId);

                if (options.Warmup > 0)
                {
                    Log($"Warm-up: {options.Warmup} consultations...");
                    LoadResult warm = await driver.RunAsync("warmup", options.Warmup, Math.Min(options.Clients, options.Warmup));
                    Log($"Warm-up done in {Seconds(warm.Began, warm.Ended):F1} s ({warm.Consultations.Count(c => c.Failure is null)} completed).");
                }

                // The engine's own polling with nothing to do, to tell it apart from the work.
                await Task.Delay(TimeSpan.FromSeconds(2));
                var (idleA, idleAtA) = await FreshCountersAsync(countersFiles);
                await Task.Delay(TimeSpan.FromSeconds(5));
                var (idleB, idleAtB) = await FreshCountersAsync(countersFiles);
                double idleSeconds = (idleAtB - idleAtA).TotalSeconds;
                var idleRate = Keys(idleA, idleB).ToDictionary(k => k, k => Math.Round((Get(idleB, k) - Get(idleA, k)) / idleSeconds, 1), StringComparer.Ordinal);

                // The measured load.
                var (before, _) = await FreshCountersAsync(countersFiles);
                var cpu0 = CpuSnapshot.Take(serverPids, azurite.ProcessId);
                Log($"Load: {options.Consultations} consultations x 7 responses with {options.Clients} clients (load average {ProcessStats.LoadAverage()})...");
                using var sampling = new CancellationTokenSource();
                var timeline = new List<TimelinePoint>();
                Task sampler = SampleAsync(timeline, driver, serverPids, azurite.ProcessId, countersFiles, sampling.Token);
                StorageLatencyProbe storageProbe = await StorageLatencyProbe.CreateAsync(azurite.ConnectionString);
                Task probing = storageProbe.RunAsync(sampling.Token);
                TimeSpan loadBeganTimeOfDay = DateTime.Now.TimeOfDay;
                LoadResult load = await driver.RunAsync("load", options.Consultations, options.Clients);
                var cpu1 = CpuSnapshot.Take(serverPids, azurite.ProcessId);
                await sampling.CancelAsync();
                await sampler;
                await probing;
                string loadAfter = ProcessStats.LoadAverage();
                double loadSeconds = Seconds(load.Began, load.Ended);
                Log($"Load done in {loadSeconds:F1} s; load average {loadAfter}.");

                // Everything the work caused (the last orchestration episodes finish just after their record), then the cost of one poll.
                await Task.Delay(TimeSpan.FromSeconds(2));
                var (after, _) = await FreshCountersAsync(countersFiles);
                double perGet = await CalibratePollAsync(http, tokens, countersFiles, load.Consultations.FirstOrDefault(c => c.Failure is null && c.Index % clients.Count == 0)?.Id);

                await ReadRecordTimesAsync(azurite.ConnectionString, load.Consultations);

                // Answers one at a time: nothing overlaps, so nothing is batched.
                SequentialFigures? sequential = null;
                if (options.Sequential > 0)
                {
                    Log($"One at a time: {options.Sequential} consultations, each answer {options.AnswerGapMs} ms after the previous 202, the record awaited before the next...");
                    await Task.Delay(TimeSpan.FromSeconds(2));
                    var (seqBefore, seqBeforeAt) = await FreshCountersAsync(countersFiles);
                    LoadResult one = await driver.RunSequentialAsync("sequential", options.Sequential, options.AnswerGapMs);
                    await Task.Delay(TimeSpan.FromSeconds(2));
                    var (seqAfter, seqAfterAt) = await FreshCountersAsync(countersFiles);
                    sequential = Sequential(one, seqBefore, seqAfter, (seqAfterAt - seqBeforeAt).TotalSeconds, idleRate, perGet);
                    Log(string.Create(CultureInfo.InvariantCulture, $"One at a time: {sequential.PerAnswerPollingExcluded:F2} storage requests per answer without empty dequeues ({sequential.PerAnswer:F2} with them, {sequential.PerAnswerLessIdlePolling:F2} less the idle rate)."));
                }

                // The open loop, rate by rate.
                var openLoop = new List<OpenLoopStep>();
                foreach (double rate in options.Rates)
                {
                    Log(string.Create(CultureInfo.InvariantCulture, $"Open loop: {rate} answers/s offered for {options.RateSeconds} s..."));
                    OpenLoopStep step = await driver.RunOpenLoopAsync($"rate-{rate.ToString(CultureInfo.InvariantCulture)}", rate, options.RateSeconds);
                    openLoop.Add(step);
                    Log(string.Create(CultureInfo.InvariantCulture, $"Open loop at {rate}/s: {step.AcceptedPerSecond}/s taken, POST p50 {step.ResponsePostMs.P50} / p95 {step.ResponsePostMs.P95} / p99 {step.ResponsePostMs.P99} ms, record p95 {step.LastResponseToRecordMs.P95} ms, {step.AnswersFailed} failed."));
                    await Task.Delay(TimeSpan.FromSeconds(3));
                }

                double serverPeak = servers.Sum(h => (ProcessStats.StatusKb(h.ProcessId, "VmHWM") ?? 0) / 1024.0);
                double serverTotal = servers.Sum(h => ProcessStats.CpuSeconds(h.ProcessId) ?? double.NaN);
                foreach (ServerHost h in servers)
                {
                    await h.DisposeAsync();
                }

                var (serverTotals, _) = ReadCounters(countersFiles);
                IReadOnlyList<LogWarning> warnings = [.. Enumerable.Range(0, options.Instances).SelectMany(i => LogWarning.Read(LogOf(i)))];
                EngineProfile? profile = options.EngineLog ? EngineProfile.Read(serverLog, loadBeganTimeOfDay) : null;

                double azuritePeakAfterLoad = (ProcessStats.StatusKb(azurite.ProcessId, "VmHWM") ?? 0) / 1024.0;
                double azuriteTotal = ProcessStats.CpuSeconds(azurite.ProcessId) ?? double.NaN;
                int writers = options.TableWriters ?? options.Clients;
                Log($"Raw table writes: {writers} writers for {options.TableSeconds} s...");
                TableWriteResult raw = await TableWriteProbe.RunAsync(azurite.ConnectionString, writers, TimeSpan.FromSeconds(options.TableSeconds), azurite.ProcessId);

                BenchmarkResults results = Compute(
                    options, root, configuration, startedAt, loadBefore, loadAfter, load, cpu0, cpu1, before, after, idleRate, perGet,
                    serverPeak, serverTotal, azuritePeakAfterLoad, azuriteTotal, serverTotals, raw, timeline, server.Environment, warnings, storageProbe.Summary(), storageProbe.QueueSummary(), profile,
                    uptimeBefore, sequential, openLoop);
                Directory.CreateDirectory(Path.GetDirectoryName(outPath)!);
                await File.WriteAllTextAsync(outPath, JsonSerializer.Serialize(results, JsonOptions) + "\n");
                Console.WriteLine();
                Console.WriteLine(Summary.Render(results));
                Console.WriteLine($"Figures written to {outPath}");
                bool complete = load.Consultations.All(c => c.Failure is null) && (sequential is null || sequential.Incomplete == 0);
                if (!results.StorageGate.Met)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FAILED: more than {options.MaxRequestsPerAnswer} storage requests per answer ({results.StorageGate.Measured})."));
                }

                return complete && results.StorageGate.Met ? 0 : 1;
            }
            finally
            {
                foreach (ServerHost h in servers)
                {
                    await h.DisposeAsync();
                }

                foreach (HttpClient c in clients)
                {
                    c.Dispose();
                }
            }
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // Left to the system's temporary-file cleaning.
            }
        }
    }

    private static BenchmarkResults Compute(
        BenchmarkOptions options, string root, string configuration, DateTimeOffset startedAt, string loadBefore, string loadAfter,
        LoadResult load, CpuSnapshot cpu0, CpuSnapshot cpu1, Dictionary<string, long> before, Dictionary<string, long> after,
        Dictionary<string, double> idleRate, double perGet, double serverPeak, double serverTotal, double azuritePeak, double azuriteTotal,
        Dictionary<string, long> serverTotals, TableWriteResult raw, List<TimelinePoint> timeline, IReadOnlyDictionary<string, string> serverEnvironment,
        IReadOnlyList<LogWarning> warnings, LatencySummary storageRoundTrip, LatencySummary queueSend, EngineProfile? profile,
        string uptimeBefore, SequentialFigures? sequential, IReadOnlyList<OpenLoopStep> openLoop)
    {
        var done = load.Consultations.Where(c => c.Failure is null).ToList();
        double loadSeconds = Seconds(load.Began, load.Ended);
        long[] acceptedAt = [.. load.Responses.Select(r => r.At).Order()];
        double responseSpan = acceptedAt.Length > 0 ? Seconds(load.Began, acceptedAt[^1]) : double.NaN;
        double sustained = double.NaN;
        if (acceptedAt.Length >= 10)
        {
            int i10 = (int)(0.1 * acceptedAt.Length);
            int i90 = (int)Math.Ceiling(0.9 * acceptedAt.Length) - 1;
            sustained = (i90 - i10) / Seconds(acceptedAt[i10], acceptedAt[i90]);
        }

        DateTimeOffset? lastStored = done.Select(c => c.RecordStoredUtc).Where(t => t is not null).Max();
        double storageClockSeconds = lastStored is { } ls ? (ls - load.BeganUtc).TotalSeconds : double.NaN;

        var delta = Keys(before, after).ToDictionary(k => k, k => Get(after, k) - Get(before, k), StringComparer.Ordinal);
        long polling = (long)Math.Round(load.Gets * perGet);
        var workflow = delta.ToDictionary(k => k.Key, k => k.Key == "app.storage" ? k.Value - polling : k.Value, StringComparer.Ordinal);
        long workflowTotal = workflow.Values.Sum();
        var perConsultation = workflow.ToDictionary(k => k.Key, k => Math.Round((double)k.Value / Math.Max(1, done.Count), 1), StringComparer.Ordinal);
        perConsultation["app"] = Math.Round((double)workflow.Where(k => k.Key.StartsWith("app.", StringComparison.Ordinal)).Sum(k => k.Value) / Math.Max(1, done.Count), 1);
        perConsultation["engine"] = Math.Round((double)workflow.Where(k => k.Key.StartsWith("engine.", StringComparison.Ordinal)).Sum(k => k.Value) / Math.Max(1, done.Count), 1);
        perConsultation["total"] = Math.Round((double)workflowTotal / Math.Max(1, done.Count), 1);
        double idleDuringLoad = idleRate.Values.Sum() * loadSeconds;
        double lessIdle = (workflowTotal - idleDuringLoad) / Math.Max(1, done.Count);
        double perResponse = (double)workflowTotal / Math.Max(1, done.Count * LoadDriver.Nations.Length);
        double implied = sustained * perResponse;
        double measuredRate = delta.Values.Sum() / loadSeconds;

        ProcessFigures Figures(int pid, double during, double total, double peak) =>
            new(pid, Math.Round(during, 2), Math.Round(during / loadSeconds, 2), Math.Round(total, 2), Math.Round(peak, 1));

        var latency = new LatencyFigures(
            LatencySummary.Of(load.Responses.Select(r => r.LatencyMs)),
            LatencySummary.Of(done.Select(c => c.StartLatencyMs)),
            LatencySummary.Of(done.Select(c => Ms(c.LastAccepted, c.RecordSeen))),
            LatencySummary.Of(done.Select(c => Ms(c.LastAccepted, c.LastEmptyPollSent))),
            LatencySummary.Of(done.Where(c => c.RecordStoredUtc is not null).Select(c => (c.RecordStoredUtc!.Value - c.LastAcceptedUtc).TotalMilliseconds)),
            storageRoundTrip,
            queueSend);

        var throughput = new ThroughputFigures(
            done.Count,
            Math.Round(loadSeconds, 2),
            Math.Round(done.Count / loadSeconds, 2),
            Math.Round(done.Count / storageClockSeconds, 2),
            load.Responses.Count,
            Math.Round(load.Responses.Count / responseSpan, 1),
            Math.Round(sustained, 1),
            Math.Round(done.Count / Seconds(load.Began, load.ClientsFinished), 2));

        long emptyPolls = EmptyPolls(before, after);
        double loadPerAnswer = Math.Round((workflowTotal - emptyPolls) / (double)Math.Max(1, done.Count * LoadDriver.Nations.Length), 2);
        var gate = new StorageGate(
            options.MaxRequestsPerAnswer,
            loadPerAnswer,
            sequential?.PerAnswerPollingExcluded,
            string.Create(CultureInfo.InvariantCulture, $"load {loadPerAnswer:F2}, one at a time {(sequential is null ? "not measured" : sequential.PerAnswerPollingExcluded.ToString("F2", CultureInfo.InvariantCulture))} without empty dequeues (with them: {perResponse:F2} under load, {(sequential is null ? "-" : sequential.PerAnswer.ToString("F2", CultureInfo.InvariantCulture))} one at a time; less the idle rate: {lessIdle / LoadDriver.Nations.Length:F2} and {(sequential is null ? "-" : sequential.PerAnswerLessIdlePolling.ToString("F2", CultureInfo.InvariantCulture))})"),
            loadPerAnswer <= options.MaxRequestsPerAnswer && (sequential is null || sequential.PerAnswerPollingExcluded <= options.MaxRequestsPerAnswer));
        OpenLoopStep? at20 = openLoop.FirstOrDefault(o => Math.Abs(o.OfferedPerSecond - 20) < 0.01);
        var targets = new List<TargetCheck>
        {
            new($"<= {options.MaxRequestsPerAnswer} storage requests per answer under load and one at a time (engine included, polling excluded)", gate.Measured, gate.Met),
            new(">= 100 responses taken (202) per second, sustained", $"{throughput.ResponsesPerSecondSustained:F1}/s", throughput.ResponsesPerSecondSustained >= 100),
            new($"response POST p95 < 50 ms at 20 concurrent clients (run: {options.Clients} clients)", $"{latency.ResponsePost.P95:F1} ms", latency.ResponsePost.P95 < 50 && options.Clients >= 20),
            new("last response -> record published p95 < 2 s (observed by polling, an upper bound)", $"{latency.LastResponseToRecordObserved.P95:F0} ms (storage clock {latency.LastResponseToRecordStorageClock.P95:F0} ms)", latency.LastResponseToRecordObserved.P95 < 2000),
        };
        if (at20 is not null)
        {
            targets.Add(new("open loop at 20 answers/s offered: answer POST p95 < 50 ms", $"{at20.ResponsePostMs.P95:F1} ms", at20.ResponsePostMs.P95 < 50));
        }

        return new BenchmarkResults(
            options.Label,
            "dotnet run -c Release --project tests/G7Flows.Benchmarks -- " + string.Join(' ', options.Arguments),
            startedAt,
            Machine(root, configuration),
            new RunSettings(
                options.Consultations, options.Clients, options.Warmup, LoadDriver.Nations.Length, "unanimity", "PT30M", options.PollIntervalMs,
                "closed loop: each client starts a consultation, posts its 7 responses in turn (CA FR DE IT JP GB US, approve), hands it to a poller and takes the next; pollers GET the consultation every poll interval until its record is set",
                serverEnvironment),
            loadBefore,
            loadAfter,
            throughput,
            latency,
            new PollingFigures(options.PollIntervalMs, load.Gets, Math.Round(load.Gets / loadSeconds, 1), Math.Round(perGet, 2)),
            new ResourceFigures(
                Figures(cpu0.ServerPid, cpu1.Server - cpu0.Server, serverTotal, serverPeak),
                Figures(cpu0.AzuritePid, cpu1.Azurite - cpu0.Azurite, azuriteTotal, azuritePeak),
                Figures(Environment.ProcessId, cpu1.Benchmark - cpu0.Benchmark, cpu1.Benchmark, (ProcessStats.StatusKb(Environment.ProcessId, "VmHWM") ?? 0) / 1024.0),
                Math.Round((cpu1.Machine - cpu0.Machine) - (cpu1.Server - cpu0.Server) - (cpu1.Azurite - cpu0.Azurite) - (cpu1.Benchmark - cpu0.Benchmark), 2),
                Math.Round(loadSeconds, 2)),
            new StorageFigures(delta, polling, idleRate, perConsultation, Math.Round(lessIdle, 1), Math.Round(perResponse, 2), Math.Round(measuredRate, 1), serverTotals, emptyPolls, loadPerAnswer),
            raw,
            new StorageUtilisation(Math.Round(implied, 1), Math.Round(implied / raw.WritesPerSecond, 3), Math.Round(measuredRate / raw.WritesPerSecond, 3)),
            targets,
            new PublishedComparison(
                "Microsoft Learn, 'Performance and scale in Durable Functions', section 'Performance targets' (https://learn.microsoft.com/azure/azure-functions/durable/durable-functions-perf-and-scale; source MicrosoftDocs/azure-docs articles/azure-functions/durable/durable-functions-perf-and-scale.md, ms.date 03/14/2019)",
                "expected maximum throughput of a single orchestrator instance on a single small (A1) VM in Azure App Service, extended sessions enabled, Durable Functions extension v1.4.0, Azure Storage",
                new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["sequential activity execution"] = "5 activities per second, per instance",
                    ["parallel activity execution (fan-out)"] = "100 activities per second, per instance",
                    ["parallel response processing (fan-in)"] = "150 responses per second, per instance",
                    ["external event processing"] = "50 events per second, per instance",
                }),
            load.Errors,
            warnings,
            profile,
            uptimeBefore,
            options.Instances,
            gate,
            sequential,
            openLoop,
            [.. load.Consultations.Where(c => c.Failure is not null).Select(c => $"{c.Index}: {c.Id} {c.Failure}")],
            timeline);
    }

    /// <summary>The storage requests of the one-at-a-time phase: polls and idle engine polling subtracted, per answer.</summary>
    private static SequentialFigures Sequential(
        LoadResult one, Dictionary<string, long> before, Dictionary<string, long> after, double seconds, Dictionary<string, double> idleRate, double perGet)
    {
        var done = one.Consultations.Where(c => c.Failure is null).ToList();
        var delta = Keys(before, after).ToDictionary(k => k, k => Get(after, k) - Get(before, k), StringComparer.Ordinal);
        long polling = (long)Math.Round(one.Gets * perGet);
        long total = delta.Values.Sum() - polling;
        double idle = idleRate.Values.Sum() * seconds;
        int answers = done.Count * LoadDriver.Nations.Length;
        long emptyPolls = EmptyPolls(before, after);
        return new SequentialFigures(
            one.Consultations.Count,
            done.Count,
            one.Consultations.Count - done.Count,
            Math.Round(seconds, 1),
            delta,
            polling,
            Math.Round(idle, 0),
            Math.Round((double)total / Math.Max(1, answers), 2),
            Math.Round((total - idle) / Math.Max(1, answers), 2),
            Math.Round((total - idle) / Math.Max(1, done.Count), 1),
            emptyPolls,
            Math.Round((total - emptyPolls) / (double)Math.Max(1, answers), 2),
            LatencySummary.Of(one.Responses.Select(r => r.LatencyMs)),
            LatencySummary.Of(done.Select(c => Ms(c.LastAccepted, c.RecordSeen))));
    }

    /// <summary>Every second: responses, records and storage requests (as of the server's last counters write) so far, and the CPU used by each process since the last sample.</summary>
    private static async Task SampleAsync(List<TimelinePoint> timeline, LoadDriver driver, int[] serverPids, int azuritePid, string[] countersFiles, CancellationToken stop)
    {
        long began = Stopwatch.GetTimestamp();
        CpuSnapshot last = CpuSnapshot.Take(serverPids, azuritePid);
        long lastAt = began;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                long now = Stopwatch.GetTimestamp();
                CpuSnapshot current = CpuSnapshot.Take(serverPids, azuritePid);
                double seconds = Seconds(lastAt, now);
                double server = current.Server - last.Server, azurite = current.Azurite - last.Azurite, bench = current.Benchmark - last.Benchmark;
                double other = current.Machine - last.Machine - server - azurite - bench;
                timeline.Add(new TimelinePoint(
                    Math.Round(Seconds(began, now), 1),
                    driver.AcceptedCount,
                    driver.RecordsSeen,
                    Pct(server, seconds),
                    Pct(azurite, seconds),
                    Pct(bench, seconds),
                    Pct(Math.Max(0, other), seconds),
                    Math.Round(serverPids.Sum(pid => ProcessStats.StatusKb(pid, "VmRSS") ?? 0) / 1024.0, 1),
                    ReadCounters(countersFiles).Counters.Values.Sum()));
                last = current;
                lastAt = now;
            }
        }
        catch (OperationCanceledException)
        {
            // The load is over.
        }
    }

    /// <summary>Issues polls of a finished consultation and returns the storage requests the server made for each.</summary>
    private static async Task<double> CalibratePollAsync(HttpClient http, Tokens tokens, string[] countersFiles, string? id)
    {
        if (id is null)
        {
            return double.NaN;
        }

        const int Polls = 50;
        string staff = tokens.Staff();
        var (a, _) = await FreshCountersAsync(countersFiles);
        for (int i = 0; i < Polls; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/consultations/{id}", UriKind.Relative));
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", staff);
            using HttpResponseMessage response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }

        var (b, _) = await FreshCountersAsync(countersFiles);
        return (double)(Get(b, "app.storage") - Get(a, "app.storage")) / Polls;
    }

    /// <summary>Reads the storage timestamp of each consultation row: its last update is the one that stored the record's name.</summary>
    private static async Task ReadRecordTimesAsync(string connectionString, IReadOnlyList<ConsultationTrace> traces)
    {
        TableClient table = new TableServiceClient(connectionString).GetTableClient(StorageNames.ConsultationsTable);
        foreach (ConsultationTrace trace in traces.Where(t => t.Failure is null && t.Id is not null))
        {
            try
            {
                Response<TableEntity> row = await table.GetEntityAsync<TableEntity>(trace.Id!, ConsultationEntity.Row);
                if (row.Value.GetString("RecordBlob") is not null)
                {
                    trace.RecordStoredUtc = row.Value.Timestamp;
                }
            }
            catch (RequestFailedException)
            {
                // Left out of the storage-clock figures.
            }
        }
    }

    /// <summary>Waits for every server to write its counters file afresh (each does every second), then reads and adds them up.</summary>
    private static async Task<(Dictionary<string, long> Counters, DateTime At)> FreshCountersAsync(string[] paths)
    {
        DateTime asked = DateTime.UtcNow;
        var deadline = asked.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (paths.All(p => File.Exists(p) && File.GetLastWriteTimeUtc(p) > asked))
            {
                return ReadCounters(paths);
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"A server did not write {string.Join(", ", paths)}; is G7Flows:Diagnostics:StorageCountersFile honoured?");
    }

    private static (Dictionary<string, long> Counters, DateTime At) ReadCounters(string[] paths)
    {
        var sum = new Dictionary<string, long>(StringComparer.Ordinal);
        DateTime at = DateTime.MinValue;
        foreach (string path in paths.Where(File.Exists))
        {
            var (counters, written) = ReadCounters(path);
            foreach (var (key, value) in counters)
            {
                sum[key] = Get(sum, key) + value;
            }

            at = written > at ? written : at;
        }

        return (sum, at);
    }

    private static (Dictionary<string, long> Counters, DateTime At) ReadCounters(string path)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                DateTime at = File.GetLastWriteTimeUtc(path);
                var counters = JsonSerializer.Deserialize<Dictionary<string, long>>(File.ReadAllText(path)) ?? [];
                return (new Dictionary<string, long>(counters, StringComparer.Ordinal), at);
            }
            catch (IOException) when (attempt < 20)
            {
                Thread.Sleep(50);
            }
        }
    }

    private static MachineInfo Machine(string root, string configuration)
    {
        string cpu = "unknown";
        long memory = 0;
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
            string? total = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            memory = total is null ? 0 : long.Parse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            // Not Linux: left unknown.
        }

        string azurite = "unknown";
        try
        {
            using JsonDocument package = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "node_modules", "azurite", "package.json")));
            azurite = package.RootElement.GetProperty("version").GetString() ?? azurite;
        }
        catch (IOException)
        {
        }

        return new MachineInfo(
            Environment.ProcessorCount,
            cpu,
            memory,
            RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription,
            Run("node", "--version", root) ?? "unknown",
            azurite,
            Run("git", "rev-parse HEAD", root),
            configuration,
            ServerBuild(root, configuration));
    }

    /// <summary>When the server was built and a hash of its and the core's assemblies: the code measured, whatever HEAD says now.</summary>
    private static string ServerBuild(string root, string configuration)
    {
        string directory = Path.Combine(root, "functions", "G7Flows.Server", "bin", configuration, "net10.0");
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (string dll in new[] { "G7Flows.Server.dll", "G7Flows.Workflows.dll" })
        {
            hash.AppendData(File.ReadAllBytes(Path.Combine(directory, dll)));
        }

        DateTime built = File.GetLastWriteTimeUtc(Path.Combine(directory, "G7Flows.Server.dll"));
        return $"built {built:yyyy-MM-ddTHH:mm:ssZ}, sha256 {Convert.ToHexStringLower(hash.GetHashAndReset())[..16]}";
    }

    private static string? Run(string file, string arguments, string directory)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = directory,
            });
            string? output = process?.StandardOutput.ReadToEnd().Trim();
            process?.WaitForExit();
            return process?.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>The request counters (the empty-poll counters, a subset of them, left out).</summary>
    private static IEnumerable<string> Keys(Dictionary<string, long> a, Dictionary<string, long> b) =>
        a.Keys.Union(b.Keys).Where(k => !k.StartsWith(EmptyPollPrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    /// <summary>Dequeues that found nothing between two readings: the engine's polling, idle or busy.</summary>
    private static long EmptyPolls(Dictionary<string, long> before, Dictionary<string, long> after) =>
        after.Keys.Union(before.Keys).Where(k => k.StartsWith(EmptyPollPrefix, StringComparison.Ordinal)).Sum(k => Get(after, k) - Get(before, k));

    private const string EmptyPollPrefix = G7Flows.Server.Diagnostics.StorageRequestCounter.EmptyPollPrefix;

    private static long Get(Dictionary<string, long> counters, string key) => counters.TryGetValue(key, out long n) ? n : 0;

    private static double Seconds(long from, long to) => (to - from) / (double)Stopwatch.Frequency;

    private static double Ms(long from, long to) => to == 0 ? double.NaN : (to - from) * 1000.0 / Stopwatch.Frequency;

    private static double Pct(double cpuSeconds, double seconds) => Math.Round(100 * cpuSeconds / seconds, 1);

    private static void Log(string message) =>
        Console.WriteLine($"[{Clock.Elapsed.TotalSeconds,6:F1}s] {message}");

    /// <summary>CPU seconds used so far by the server, Azurite, this process and the whole machine.</summary>
    private sealed record CpuSnapshot(int ServerPid, int AzuritePid, double Server, double Azurite, double Benchmark, double Machine)
    {
        public static CpuSnapshot Take(int[] serverPids, int azuritePid) => new(
            serverPids[0],
            azuritePid,
            serverPids.Sum(pid => ProcessStats.CpuSeconds(pid) ?? double.NaN),
            ProcessStats.CpuSeconds(azuritePid) ?? double.NaN,
            ProcessStats.CpuSeconds(Environment.ProcessId) ?? double.NaN,
            ProcessStats.MachineBusySeconds());
    }
}
