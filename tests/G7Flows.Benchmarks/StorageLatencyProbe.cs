using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Data.Tables;

namespace G7Flows.Benchmarks;

/// <summary>
/// Samples how long one storage round trip takes while the load runs: a point read of a small entity every 200 ms,
/// on its own connection. Five such round trips in a row are most of what a response POST does.
/// </summary>
internal sealed class StorageLatencyProbe
{
    private readonly ConcurrentBag<double> samples = [];
    private readonly TableClient table;

    private StorageLatencyProbe(TableClient table) => this.table = table;

    public static async Task<StorageLatencyProbe> CreateAsync(string connectionString)
    {
        TableClient table = new TableServiceClient(connectionString).GetTableClient("BenchLatencyProbe");
        await table.CreateIfNotExistsAsync();
        await table.UpsertEntityAsync(new TableEntity("probe", "probe") { ["Text"] = "benchmark" });
        return new StorageLatencyProbe(table);
    }

    public async Task RunAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                long sent = Stopwatch.GetTimestamp();
                await this.table.GetEntityAsync<TableEntity>("probe", "probe", cancellationToken: stop);
                this.samples.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            }
        }
        catch (OperationCanceledException)
        {
            // The load is over.
        }
    }

    public LatencySummary Summary() => LatencySummary.Of(this.samples);
}
