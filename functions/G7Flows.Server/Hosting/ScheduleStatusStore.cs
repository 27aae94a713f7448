using Azure;
using Azure.Data.Tables;
using G7Flows.Workflows.Platform.Storage;

namespace G7Flows.Server.Hosting;

/// <summary>When a schedule last ran and is due next: what the Functions host keeps for a timer (its schedule status).</summary>
public sealed record ScheduleStatus(DateTimeOffset? Last, DateTimeOffset Next);

/// <summary>Where schedule statuses are kept.</summary>
public interface IScheduleStatusStore
{
    Task<ScheduleStatus?> GetAsync(string name, CancellationToken cancellationToken);

    Task SetAsync(string name, ScheduleStatus status, CancellationToken cancellationToken);
}

/// <summary>Schedule statuses in the <c>Schedules</c> table: one row per schedule, shared by every server instance.</summary>
internal sealed class TableScheduleStatusStore(StorageClients storage) : IScheduleStatusStore
{
    private const string Partition = "schedule";

    private readonly TableClient table = storage.Table(StorageNames.SchedulesTable);

    public async Task<ScheduleStatus?> GetAsync(string name, CancellationToken cancellationToken)
    {
        NullableResponse<TableEntity> row = await this.table.GetEntityIfExistsAsync<TableEntity>(Partition, name, cancellationToken: cancellationToken);
        return row.HasValue && row.Value!.GetDateTimeOffset("Next") is { } next ? new ScheduleStatus(row.Value.GetDateTimeOffset("Last"), next) : null;
    }

    public Task SetAsync(string name, ScheduleStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        var row = new TableEntity(Partition, name) { ["Next"] = status.Next, ["Last"] = status.Last };
        return this.table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }
}
