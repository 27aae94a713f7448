using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;

namespace G7Flows.Server.Diagnostics;

/// <summary>
/// Counts the storage requests the server makes, in the storage clients' own pipelines, by who made them
/// (<c>app</c>: G7Flows' tables and blobs; <c>engine</c>: the durable engine's queues, tables and blobs) and by
/// service. Switched on by <c>G7Flows:Diagnostics:StorageCountersFile</c>; the benchmark reads the file.
/// </summary>
public sealed class StorageRequestCounter
{
    private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(this.counts);

    /// <summary>A per-call policy that counts under <c>{component}.{service}</c>.</summary>
    public HttpPipelinePolicy PolicyFor(string component, string service) => new CountingPolicy(this, $"{component}.{service}");

    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        string temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(this.Snapshot()), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The prefix of the keys that count empty queue polls (already counted under their own key too).</summary>
    public const string EmptyPollPrefix = "empty-polls.";

    private sealed class CountingPolicy(StorageRequestCounter owner, string key) : HttpPipelineSynchronousPolicy
    {
        private readonly string emptyPollKey = EmptyPollPrefix + key;

        public override void OnSendingRequest(HttpMessage message) =>
            owner.counts.AddOrUpdate(key, 1, static (_, n) => n + 1);

        /// <summary>A dequeue that found nothing is polling: counted apart as well, so that it can be told from work.</summary>
        public override void OnReceivedResponse(HttpMessage message)
        {
            if (message.Request.Method == RequestMethod.Get
                && message.Request.Uri.Path.EndsWith("/messages", StringComparison.Ordinal)
                && message.Response.Status == 200
                && message.Response.ContentStream is { CanSeek: true } body)
            {
                long position = body.Position;
                using var reader = new StreamReader(body, leaveOpen: true);
                bool empty = !reader.ReadToEnd().Contains("<QueueMessage>", StringComparison.Ordinal);
                body.Position = position;
                if (empty)
                {
                    owner.counts.AddOrUpdate(this.emptyPollKey, 1, static (_, n) => n + 1);
                }
            }
        }
    }
}

/// <summary>Writes the counters to their file every second and at shutdown.</summary>
internal sealed class StorageCounterWriter(StorageRequestCounter counter, string path) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await counter.WriteAsync(path, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            await counter.WriteAsync(path, CancellationToken.None);
        }
    }
}
