using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using G7Flows.Workflows.Platform.Storage;

namespace G7Flows.IntegrationTests.Storage;

/// <summary>
/// Notes every storage request a <see cref="StorageClients"/> sends (method and path, without the account), so that a
/// test can say how many requests an operation costs.
/// </summary>
public sealed class StorageRequestLog : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentQueue<string> requests = new();

    /// <summary>The requests since the last <see cref="Clear"/>, in the order they were sent, e.g. <c>POST /$batch</c>.</summary>
    public IReadOnlyList<string> Requests => [.. this.requests];

    /// <summary>Storage clients over <paramref name="connectionString"/> whose requests go into a new log.</summary>
    public static (StorageClients Clients, StorageRequestLog Log) Clients(string connectionString)
    {
        var log = new StorageRequestLog();
        var options = new StorageClientOptions();
        options.Policies.Add(log);
        return (StorageClients.FromConnectionString(connectionString, options), log);
    }

    public void Clear() => this.requests.Clear();

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        string path = message.Request.Uri.Path;
        int account = path.IndexOf('/', 1);
        this.requests.Enqueue($"{message.Request.Method} {(account > 0 ? path[account..] : path)}");
    }
}
