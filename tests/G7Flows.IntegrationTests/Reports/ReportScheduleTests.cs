using System.Text.Json;
using Azure.Data.Tables;
using G7Flows.IntegrationTests.Infrastructure;
using G7Flows.Workflows.Platform.Storage;
using G7Flows.Workflows.Reports.Facts;
using Xunit;

namespace G7Flows.IntegrationTests.Reports;

/// <summary>The server's schedule on real storage: an occurrence missed while no server ran is made up when one starts.</summary>
public sealed class ReportScheduleTests : IAsyncLifetime
{
    private Azurite? azurite;
    private ServerProcess? server;

    public async Task InitializeAsync() => this.azurite = await Azurite.StartAsync();

    public async Task DisposeAsync()
    {
        if (this.server is not null)
        {
            await this.server.DisposeAsync();
        }

        if (this.azurite is not null)
        {
            await this.azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_monthly_run_missed_while_the_server_was_down_is_made_up_at_start()
    {
        // Arrange: the schedule last ran on 1 October and was due on 1 November at 06:00, when no server ran; October's facts are there.
        StorageClients storage = StorageClients.FromConnectionString(this.azurite!.ConnectionString);
        await storage.EnsureCreatedAsync();
        var due = new DateTimeOffset(2026, 11, 1, 6, 0, 0, TimeSpan.Zero);
        await storage.Table(StorageNames.SchedulesTable).UpsertEntityAsync(new TableEntity("schedule", "ReportSchedule")
        {
            ["Last"] = new DateTimeOffset(2026, 10, 1, 6, 0, 0, TimeSpan.Zero),
            ["Next"] = due,
        });
        var october = new DateTimeOffset(2026, 10, 20, 0, 0, 0, TimeSpan.Zero);
        await new FactStore(storage).WriteBatchAsync(Enumerable.Range(0, 25).Select(i => FactStore.ToEntity(new ConsultationFact(
            $"october-{i}", $"October {i}", "joint-exercise", "Adopted", "IT", october, october.AddHours(i), [new NationAnswer("IT", "approve", AnswerTimings.OnTime, 60)]))));

        // Act: a server starts, with nobody asking for anything.
        this.server = await ServerProcess.StartAsync(this.azurite.ConnectionString, "schedule");
        JsonElement report = await new Api(this.server).WaitForReportAsync(this.server, "2026-10", TimeSpan.FromSeconds(60));

        // Assert: October's report, from October's facts; the schedule status moved on past the missed occurrence.
        Assert.Equal(25, report.GetProperty("factsRead").GetInt32());
        Assert.Equal(25, report.GetProperty("overall").GetProperty("consultations").GetProperty("exercisesAgreed").GetInt32());
        TableEntity status = (await storage.Table(StorageNames.SchedulesTable).GetEntityAsync<TableEntity>("schedule", "ReportSchedule")).Value;
        Assert.Equal(due, status.GetDateTimeOffset("Last"));
        Assert.True(status.GetDateTimeOffset("Next") > DateTimeOffset.UtcNow, $"Next is {status.GetDateTimeOffset("Next"):O}.");
        Assert.Contains("was missed; running it now", this.server.Output, StringComparison.Ordinal);
    }
}
