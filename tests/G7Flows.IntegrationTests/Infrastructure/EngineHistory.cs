using Azure.Data.Tables;

namespace G7Flows.IntegrationTests.Infrastructure;

/// <summary>
/// What the durable engine has committed for an orchestration, read from its task hub's history table: the positive
/// signal that events and activity results were processed (not just sent).
/// </summary>
public static class EngineHistory
{
    /// <summary>The history events of <paramref name="instanceId"/> as (EventType, Name), in the order stored.</summary>
    public static async Task<IReadOnlyList<(string EventType, string? Name)>> ReadAsync(TableServiceClient tables, string taskHub, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(tables);
        TableClient history = tables.GetTableClient($"{taskHub}History");
        var events = new List<(string, string?)>();
        await foreach (TableEntity row in history.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}")))
        {
            if (row.GetString("EventType") is { } type)
            {
                events.Add((type, row.GetString("Name")));
            }
        }

        return events;
    }

    /// <summary>How many events of a type (and name, when given) the engine has committed.</summary>
    public static async Task<int> CountAsync(TableServiceClient tables, string taskHub, string instanceId, string eventType, string? name = null) =>
        (await ReadAsync(tables, taskHub, instanceId)).Count(e => e.EventType == eventType && (name is null || e.Name == name));

    /// <summary>Polls until the engine has committed at least <paramref name="count"/> such events.</summary>
    public static async Task WaitForAsync(TableServiceClient tables, string taskHub, string instanceId, string eventType, int count, string? name = null, TimeSpan? timeout = null)
    {
        DateTime deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        int seen;
        while ((seen = await CountAsync(tables, taskHub, instanceId, eventType, name)) < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{instanceId}: the engine committed {seen} {eventType} {name} event(s), not {count}.");
            }

            await Task.Delay(200);
        }
    }
}
