using System.Text.Json;
using Azure.Storage.Blobs;
using G7Flows.IntegrationTests.Infrastructure;
using G7Flows.Server.Hosting;
using G7Flows.Workflows.Platform.Hosting;
using G7Flows.Workflows.Platform.Storage;
using Xunit;

namespace G7Flows.IntegrationTests.Reports;

/// <summary>The demo-data command fills a month through the real API and publishes its report.</summary>
public sealed class DemoDataTests : IAsyncLifetime
{
    private Azurite? azurite;

    public async Task InitializeAsync() => this.azurite = await Azurite.StartAsync();

    public async Task DisposeAsync()
    {
        if (this.azurite is not null)
        {
            await this.azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task Demo_data_runs_consultations_through_the_api_and_publishes_that_months_report()
    {
        // Arrange
        string output = Path.Combine(Path.GetTempPath(), $"g7flows-demo-{Guid.NewGuid():N}.html");
        var settings = new Dictionary<string, string?> { [AppSettingNames.Storage] = this.azurite!.ConnectionString, [AppSettingNames.TaskHub.Replace("__", ":", StringComparison.Ordinal)] = "demo" };

        try
        {
            // Act
            int exit = await DemoData.RunAsync(["--month", "2025-06", "--consultations", "6", "--out", output], settings);

            // Assert: the page was saved, and the published JSON counts the six consultations in June 2025.
            Assert.Equal(0, exit);
            string html = await File.ReadAllTextAsync(output);
            Assert.Contains("<h1>G7 military-diplomacy report: 2025-06</h1>", html, StringComparison.Ordinal);
            var blobs = new BlobServiceClient(this.azurite.ConnectionString, new BlobClientOptions(BlobClientOptions.ServiceVersion.V2025_01_05));
            var json = (await blobs.GetBlobContainerClient(StorageNames.ReportsContainer).GetBlobClient("2025-06/report.json").DownloadContentAsync()).Value.Content;
            JsonElement report = JsonDocument.Parse(json).RootElement;
            Assert.Equal(6, report.GetProperty("factsRead").GetInt32());
            Assert.Equal(6, report.GetProperty("overall").GetProperty("consultations").GetProperty("held").GetInt32());
            Assert.True(report.GetProperty("overall").GetProperty("responses").GetProperty("asked").GetInt32() >= 18);
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("--month 2025-Q1")]
    [InlineData("--month 2999-01")]
    [InlineData("--month 2025-06 --consultations 0")]
    [InlineData("--month 2025-06 --unknown")]
    public async Task Demo_data_refuses_a_wrong_command_line_before_it_starts_anything(string commandLine)
    {
        // Act
        int exit = await DemoData.RunAsync(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries), new Dictionary<string, string?> { [AppSettingNames.Storage] = "UseDevelopmentStorage=false" });

        // Assert
        Assert.Equal(2, exit);
    }
}
