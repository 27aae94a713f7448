using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace G7Flows.Benchmarks;

/// <summary>
/// Samples how long single storage round trips take while the load runs, on their own connections: every 200 ms a
/// point read of a small table entity, then a small queue message sent (and deleted right away) on a queue of its own.
/// These are the kinds of calls a response POST makes one after another.
/// </summary>
internal sealed class StorageLatencyProbe
{
    private readonly ConcurrentBag<double> samples = [];
    private readonly ConcurrentBag<double> queueSamples = [];
    private readonly TableClient table;
    private readonly QueueClient queue;

    private StorageLatencyProbe(TableClient table, QueueClient queue)
    {
        this.table = table;
        this.queue = queue;
    }

    public static async Task<StorageLatencyProbe> CreateAsync(string connectionString)
    {
        TableClient table = new TableServiceClient(connectionString).GetTableClient("BenchLatencyProbe");
        await table.CreateIfNotExistsAsync();
        await table.UpsertEntityAsync(new TableEntity("probe", "probe") { ["Text"] = "benchmark" });
        var queue = new QueueClient(connectionString, "bench-latency-probe", new QueueClientOptions(QueueClientOptions.ServiceVersion.V2025_01_05));
        await queue.CreateIfNotExistsAsync();
        return new StorageLatencyProbe(table, queue);
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
                sent = Stopwatch.GetTimestamp();
                Azure.Response<Azure.Storage.Queues.Models.SendReceipt> receipt = await this.queue.SendMessageAsync("probe", stop);
                this.queueSamples.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);

                // Removed at once: Azurite keeps every queue's messages in one collection and scans it on each dequeue,
                // so messages left behind would slow the engine's own queue reads.
                await this.queue.DeleteMessageAsync(receipt.Value.MessageId, receipt.Value.PopReceipt, stop);
            }
        }
        catch (OperationCanceledException)
        {
            // The load is over.
        }
    }

    public LatencySummary Summary() => LatencySummary.Of(this.samples);

    public LatencySummary QueueSummary() => LatencySummary.Of(this.queueSamples);
}
