using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using G7Flows.Server.Hosting;
using G7Flows.Workflows.Platform.Storage;
using G7Flows.Workflows.Reports.Domain;
using G7Flows.Workflows.Reports.Facts;
using G7Flows.Workflows.Reports.Publishing;
using G7Flows.Workflows.Reports.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace G7Flows.Benchmarks;

/// <summary>
/// The report benchmark: for each size, a fresh month of fact rows seeded directly into Azurite (closed consultations
/// of seven nations, as the close writes them), then the report generated as the activity does it (read the period's
/// partitions, each into a tally as its rows arrive; combine the tallies into the figures; render JSON, CSV and HTML;
/// publish write-once), timed step by step.
/// </summary>
internal static class ReportBenchmark
{
    public const string Usage =
        """
        dotnet run -c Release --project tests/G7Flows.Benchmarks -- reports [--facts 1000,10000,100000] [--repeat 3] [--out PATH]
        """;

    private static readonly string[] Kinds = ["joint-exercise", "information-sharing", "mutual-defence", "policy-coordination"];
    private static readonly string[] Outcomes = ["Adopted", "Adopted", "Rejected", "Expired", "Withdrawn"];
    private static readonly string[] Seven = ["CA", "FR", "DE", "IT", "JP", "GB", "US"];

    public static async Task<int> RunAsync(string[] args)
    {
        int[] sizes = [1_000, 10_000, 100_000];
        int repeat = 3;
        string? outPath = null;
        for (int i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--facts":
                    sizes = [.. args[++i].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
                    break;
                case "--repeat":
                    repeat = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--out":
                    outPath = args[++i];
                    break;
                default:
                    Console.WriteLine(Usage);
                    return 2;
            }
        }

        string root = AzuriteProcess.FindRepositoryRoot(Directory.GetCurrentDirectory(), AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("Run the benchmark inside the G7Flows repository.");
        outPath = Path.GetFullPath(outPath ?? Path.Combine(root, "docs", "benchmarks", "reports.json"));
        string work = Path.Combine(Path.GetTempPath(), "g7flows-reports-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(work);
        await using AzuriteProcess azurite = await AzuriteProcess.StartAsync(
            root, Path.Combine(work, "azurite"), AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), AzuriteProcess.FreePort());
        // Patient clients: the application's own fail fast (5 s), which a loaded machine's Azurite can exceed while seeding.
        var tableOptions = new Azure.Data.Tables.TableClientOptions();
        tableOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(100);
        var blobOptions = new Azure.Storage.Blobs.BlobClientOptions(Azure.Storage.Blobs.BlobClientOptions.ServiceVersion.V2025_01_05);
        blobOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(100);
        var storage = new StorageClients(
            new Azure.Data.Tables.TableServiceClient(azurite.ConnectionString, tableOptions),
            new Azure.Storage.Blobs.BlobServiceClient(azurite.ConnectionString, blobOptions));
        await storage.EnsureCreatedAsync();
        var facts = new FactStore(storage);
        var reports = new ReportStore(storage, NullLogger<ReportStore>.Instance);
        string loadAverageBefore = ProcessStats.LoadAverage();
        Console.WriteLine($"Azurite (pid {azurite.ProcessId}); load average {loadAverageBefore}");

        var results = new List<object>();
        int year = 2001;
        foreach (int size in sizes)
        {
            // One month per size, so that each run reads exactly its own rows.
            var month = ReportPeriod.Month(year++, 1);
            var seedWatch = Stopwatch.StartNew();
            await SeedAsync(facts, month, size);
            double seedSeconds = seedWatch.Elapsed.TotalSeconds;
            Console.WriteLine($"{size} facts seeded into {month} in {seedSeconds:0.0} s ({size / seedSeconds:0} rows/s)");

            // Azurite saves its whole database to disk a few seconds after writes: wait for that, so that the first run
            // times the report and not the emulator persisting the seed.
            double settleSeconds = await SettleAsync(azurite.ProcessId);

            for (int run = 1; run <= repeat; run++)
            {
                var total = Stopwatch.StartNew();
                var step = Stopwatch.StartNew();
                double azuriteCpu0 = ProcessStats.CpuSeconds(azurite.ProcessId) ?? 0;
                TimeSpan ownCpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                IReadOnlyList<ReportTally> read = await facts.ReadPeriodAsync(month, () => new ReportTally());
                double readSeconds = step.Elapsed.TotalSeconds;
                double readAzuriteCpu = (ProcessStats.CpuSeconds(azurite.ProcessId) ?? 0) - azuriteCpu0;
                double readClientCpu = (Process.GetCurrentProcess().TotalProcessorTime - ownCpu0).TotalSeconds;
                step.Restart();
                // A fixed generation time: the same facts give the same bytes, so the hashes below compare across versions.
                PeriodReport report = ReportCalculator.Compute(month, read, null, month.End);
                int factsRead = report.FactsRead;
                double computeSeconds = step.Elapsed.TotalSeconds;
                step.Restart();
                byte[] json = ReportJson.Serialize(report);
                byte[] csv = ReportCsv.Serialize(report);
                byte[] html = ReportHtml.Serialize(report);
                double renderSeconds = step.Elapsed.TotalSeconds;
                step.Restart();

                // The first run publishes; later runs find the blobs and leave them, as a retry would.
                await reports.WriteOnceAsync(month, ReportFormats.Json, json);
                await reports.WriteOnceAsync(month, ReportFormats.Csv, csv);
                await reports.WriteOnceAsync(month, ReportFormats.Html, html);
                double publishSeconds = step.Elapsed.TotalSeconds;
                double totalSeconds = total.Elapsed.TotalSeconds;
                if (factsRead != size)
                {
                    throw new InvalidOperationException($"Read {factsRead} facts, seeded {size}.");
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  run {run}: {totalSeconds:0.000} s (read {readSeconds:0.000}, compute {computeSeconds:0.000}, render {renderSeconds:0.000}, publish {publishSeconds:0.000}); {size / readSeconds:0} rows read/s; read CPU: Azurite {readAzuriteCpu:0.00} s, client {readClientCpu:0.00} s"));
                results.Add(new
                {
                    facts = size,
                    run,
                    totalSeconds = Math.Round(totalSeconds, 3),
                    readSeconds = Math.Round(readSeconds, 3),
                    computeSeconds = Math.Round(computeSeconds, 3),
                    renderSeconds = Math.Round(renderSeconds, 3),
                    publishSeconds = Math.Round(publishSeconds, 3),
                    rowsReadPerSecond = Math.Round(size / readSeconds),
                    readCpuSeconds = new { azurite = Math.Round(readAzuriteCpu, 2), client = Math.Round(readClientCpu, 2) },
                    bytes = new { json = json.Length, csv = csv.Length, html = html.Length },
                    sha256 = new { json = Sha256(json), csv = Sha256(csv), html = Sha256(html) },
                    seedSeconds = Math.Round(seedSeconds, 1),
                    settleSeconds = Math.Round(settleSeconds, 1),
                });
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(outPath)!);
        await File.WriteAllTextAsync(outPath, JsonSerializer.Serialize(
            new { machine = new { Environment.ProcessorCount, os = Environment.OSVersion.VersionString }, loadAverageBefore, loadAverage = ProcessStats.LoadAverage(), partitionsPerMonth = FactEntity.Shards, tablesPerMonth = StorageNames.ReportFactShardTables.Count, results },
            G7Flows.Workflows.Platform.Publishing.Json.Indented) + "\n");
        Console.WriteLine($"Figures written to {outPath}");
        return 0;
    }

    /// <summary>
    /// Waits until Azurite has been idle (under 50 ms of CPU) for six seconds, longer than its five-second save interval,
    /// at most a minute; returns the time waited.
    /// </summary>
    private static async Task<double> SettleAsync(int azuritePid)
    {
        var watch = Stopwatch.StartNew();
        var quietSince = TimeSpan.Zero;
        double quietCpu = ProcessStats.CpuSeconds(azuritePid) ?? 0;
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            double now = ProcessStats.CpuSeconds(azuritePid) ?? 0;
            if (now - quietCpu >= 0.05)
            {
                quietSince = watch.Elapsed;
                quietCpu = now;
            }
            else if (watch.Elapsed - quietSince >= TimeSpan.FromSeconds(6))
            {
                break;
            }
        }

        return watch.Elapsed.TotalSeconds;
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

    /// <summary>Closed consultations of seven nations, spread over the month, with answers on time, late and silent.</summary>
    private static async Task SeedAsync(FactStore store, ReportPeriod month, int count)
    {
        var random = new Random(count);
        var entities = Enumerable.Range(0, count).Select(i =>
        {
            DateTimeOffset closed = month.Start.AddSeconds(random.NextDouble() * (month.End - month.Start).TotalSeconds);
            var answers = Seven.Select(n => random.Next(10) switch
            {
                0 => new NationAnswer(n, null, AnswerTimings.Silent, null),
                1 => new NationAnswer(n, null, AnswerTimings.Late, null),
                _ => new NationAnswer(n, "approve", AnswerTimings.OnTime, random.Next(60, 7 * 24 * 3600)),
            }).ToList();
            return FactStore.ToEntity(new ConsultationFact(
                $"bench-{month}-{i:D7}", $"Benchmark consultation {i}", Kinds[i % Kinds.Length], Outcomes[i % Outcomes.Length], "FR", closed.AddDays(-3), closed, answers));
        }).ToList();

        // Eight partitions side by side, batches of 100 within each.
        await Task.WhenAll(entities.GroupBy(e => e.PartitionKey).Select(g => store.WriteBatchAsync(g)));
    }
}
