using System.Diagnostics;
using System.Net;
using System.Text.Json;
using G7Flows.IntegrationTests.Infrastructure;
using G7Flows.Server.Hosting;
using Xunit;

namespace G7Flows.IntegrationTests.Faults;

/// <summary>Azurite is stopped and started again under a running server.</summary>
public sealed class StorageOutageTests : IAsyncLifetime
{
    private readonly ServerFixture environment = ServerFixture.WithTaskHub("outage");

    public Task InitializeAsync() => this.environment.InitializeAsync();

    public Task DisposeAsync() => this.environment.DisposeAsync();

    [Fact]
    public async Task Requests_during_a_storage_outage_get_a_quick_503_and_work_resumes_afterwards_without_loss()
    {
        // Arrange: a consultation with one answer in, then storage goes away.
        var api = new Api(this.environment.Server);
        string id = await api.StartAsync(Api.Proposal("unanimity", ["FR", "DE", "IT"], "PT5M"));
        Assert.Equal(HttpStatusCode.Accepted, (await api.RespondAsync(id, "FR", "approve")).Status);
        AzuriteProcess emulator = this.environment.Azurite.Process;
        await emulator.StopAsync();

        // Act: every kind of request while storage is down.
        var watch = Stopwatch.StartNew();
        Reply respond = await api.RespondAsync(id, "DE", "approve");
        TimeSpan respondTime = watch.Elapsed;
        Reply read = await api.GetAsync(id);
        Reply start = await api.SendAsync(HttpMethod.Post, "/api/consultations", Tokens.Staff(), Api.Proposal());
        Reply health = await api.SendAsync(HttpMethod.Get, "/api/health", null);
        TimeSpan total = watch.Elapsed;

        // Storage comes back on the same ports with the same data; the server is not restarted.
        await using AzuriteProcess restarted = await AzuriteProcess.StartAsync(
            Repository.Root, this.environment.Azurite.DataDirectory, emulator.BlobPort, emulator.QueuePort, emulator.TablePort);
        await ConsultationEndToEndTests.WaitUntilAsync(async () => (await api.SendAsync(HttpMethod.Get, "/api/health", null)).Status == HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        Reply retried = await api.RespondAsync(id, "DE", "approve");
        Reply last = await api.RespondAsync(id, "IT", "approve");
        JsonElement closed = await api.WaitForRecordAsync(id, TimeSpan.FromSeconds(120));

        // Assert
        foreach (Reply during in new[] { respond, read, start, health })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, during.Status);
            Assert.Equal("application/problem+json", during.ContentType);
        }

        Assert.True(respondTime < TimeSpan.FromSeconds(5), $"a response during the outage took {respondTime}");
        Assert.True(total < TimeSpan.FromSeconds(20), $"four requests during the outage took {total}");
        Assert.Equal(HttpStatusCode.Accepted, retried.Status);
        Assert.Equal(HttpStatusCode.Accepted, last.Status);
        Assert.Equal("Adopted", closed.GetProperty("status").GetString());
        Assert.All(closed.GetProperty("positions").EnumerateArray(), p => Assert.True(p.GetProperty("counted").GetBoolean()));
        await this.environment.Server.StopAsync();
        await restarted.StopAsync();
    }
}
