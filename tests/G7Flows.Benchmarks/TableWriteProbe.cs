using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace G7Flows.Benchmarks;

/// <summary>The raw rate of small table inserts the storage sustains: concurrent writers doing AddEntity for a fixed time.</summary>
internal static class TableWriteProbe
{
    public static async Task<TableWriteResult> RunAsync(string connectionString, int writers, TimeSpan duration, int azuritePid)
    {
        var service = new TableServiceClient(connectionString);
        string name = "BenchProbe" + Guid.NewGuid().ToString("N")[..8];
        TableClient table = service.GetTableClient(name);
        await table.CreateIfNotExistsAsync();

        // A short warm-up so that connections exist and the code is compiled before the clock starts.
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => table.AddEntityAsync(Entity(w, -1))));

        var latencies = new ConcurrentBag<double>();
        int failures = 0;
        double? cpuBefore = ProcessStats.CpuSeconds(azuritePid);
        long started = Stopwatch.GetTimestamp();
        long deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);

        async Task WriterAsync(int writer)
        {
            for (int i = 0; Stopwatch.GetTimestamp() < deadline; i++)
            {
                long sent = Stopwatch.GetTimestamp();
                try
                {
                    await table.AddEntityAsync(Entity(writer, i));
                    latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                }
                catch (RequestFailedException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() => WriterAsync(w))));
        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        double? cpuAfter = ProcessStats.CpuSeconds(azuritePid);
        await table.DeleteAsync();

        double azuriteCpu = cpuBefore is { } b && cpuAfter is { } a ? a - b : double.NaN;
        return new TableWriteResult(
            writers,
            Math.Round(seconds, 2),
            latencies.Count,
            failures,
            Math.Round(latencies.Count / seconds, 1),
            LatencySummary.Of(latencies),
            Math.Round(azuriteCpu / seconds, 2));
    }

    private static TableEntity Entity(int writer, int i) => new(
        "w" + writer.ToString(CultureInfo.InvariantCulture),
        Guid.NewGuid().ToString("N"))
    {
        ["Sequence"] = i,
        ["Text"] = "benchmark",
    };
}

/// <summary>The raw table-write figures.</summary>
/// <param name="AzuriteCpuPerSecond">Azurite's CPU seconds per second during the probe (1.0 = one core fully busy).</param>
internal sealed record TableWriteResult(
    int Writers,
    double Seconds,
    int Writes,
    int Failures,
    double WritesPerSecond,
    LatencySummary LatencyMs,
    double AzuriteCpuPerSecond);
