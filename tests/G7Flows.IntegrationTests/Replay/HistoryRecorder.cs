using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using G7Flows.IntegrationTests.Infrastructure;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Xunit;

namespace G7Flows.IntegrationTests.Replay;

/// <summary>
/// Reads the history of a finished orchestration from the task hub on Azurite (the Azure Storage backend's History
/// table, through <see cref="AzureStorageOrchestrationService"/>) and writes it, or compares it with, the recorded
/// history under <c>tests/G7Flows.Workflows.Tests/Replay/Histories/{orchestrator}/{version}-{scenario}.json</c>, which
/// the unit tests' replayer runs against today's code.
/// </summary>
public sealed class HistoryRecorder : IDisposable
{
    /// <summary>Set to <c>1</c> to write the histories; without it the runs are compared with the recorded ones.</summary>
    public const string RecordVariable = "G7FLOWS_RECORD_HISTORIES";

    private readonly AzureStorageOrchestrationService service;

    public HistoryRecorder(string connectionString, string taskHub) =>
        this.service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = taskHub,
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
        });

    /// <summary>Whether this run writes the histories (the variable is <c>1</c>).</summary>
    public static bool Recording => Environment.GetEnvironmentVariable(RecordVariable) == "1";

    /// <summary>The folder the unit tests read the histories from, in the source tree.</summary>
    public static string Folder => Path.Combine(Repository.Root, "tests", "G7Flows.Workflows.Tests", "Replay", "Histories");

    /// <summary>Waits for <paramref name="instanceId"/> to finish and returns its state.</summary>
    public async Task<OrchestrationState> WaitForEndAsync(string instanceId, TimeSpan? timeout = null)
    {
        DateTime deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            IList<OrchestrationState> states = await this.service.GetOrchestrationStateAsync(instanceId, allExecutions: false);
            if (states is [{ } state] && state.OrchestrationStatus is OrchestrationStatus.Completed or OrchestrationStatus.Failed or OrchestrationStatus.Terminated)
            {
                return state;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{instanceId} did not finish in time (last: {(states.Count > 0 ? states[0].OrchestrationStatus : "none")}).");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Waits until the instance is running (its start was processed), so that an event sent now finds it.</summary>
    public async Task WaitForRunningAsync(string instanceId)
    {
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await this.service.GetOrchestrationStateAsync(instanceId, allExecutions: false)) is not [{ OrchestrationStatus: OrchestrationStatus.Running }])
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{instanceId} did not start running in time.");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>
    /// Reads the finished instance's history and records it as <paramref name="scenario"/> (when
    /// <see cref="Recording"/>) or checks that it schedules the same activities in the same order, and ends the same
    /// way, as the recorded one. Returns the recorded file's path.
    /// </summary>
    public async Task<string> RecordOrVerifyAsync(string instanceId, string scenario)
    {
        OrchestrationState state = await this.WaitForEndAsync(instanceId);
        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        string json = await this.service.GetOrchestrationHistoryAsync(instanceId, state.OrchestrationInstance.ExecutionId);
        var events = JArray.Parse(json);
        foreach (JObject e in events.Cast<JObject>())
        {
            // Event kinds by name, so that a reader of the file sees what happened.
            e["EventType"] = ((EventType)(int)e["EventType"]!).ToString();
        }

        JObject started = events.Cast<JObject>().Single(e => (string?)e["EventType"] == nameof(EventType.ExecutionStarted));
        string orchestrator = (string)started["Name"]!;
        string version = (string?)started["Version"] ?? string.Empty;
        Assert.False(string.IsNullOrEmpty(version), $"{instanceId} was started without a version.");
        string file = Path.Combine(Folder, orchestrator, $"{version}-{scenario}.json");
        var document = new JObject
        {
            ["orchestrator"] = orchestrator,
            ["version"] = version,
            ["scenario"] = scenario,
            ["events"] = events,
        };

        if (Recording)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, document.ToString(Formatting.Indented) + "\n");
            return file;
        }

        Assert.True(File.Exists(file), $"{file} is not recorded: run with {RecordVariable}=1 (docs/versioning.md).");
        JObject recorded = JObject.Parse(await File.ReadAllTextAsync(file));
        Assert.Equal(Shape((JArray)recorded["events"]!), Shape(events));
        return file;
    }

    public void Dispose() => this.service.Dispose();

    /// <summary>What a run did, independent of ids and times: its activities in order and how it ended.</summary>
    private static IReadOnlyList<string> Shape(JArray events) =>
        [.. events.Cast<JObject>()
            .Where(e => (string?)e["EventType"] is nameof(EventType.TaskScheduled) or nameof(EventType.ExecutionCompleted))
            .Select(e => (string?)e["EventType"] == nameof(EventType.TaskScheduled)
                ? $"activity {(string?)e["Name"]}"
                : $"end {(OrchestrationStatus)(int)e["OrchestrationStatus"]!}")];
}
