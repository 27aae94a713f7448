using DurableTask.Core;
using DurableTask.Core.History;
using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Consultations.Workflow;
using Microsoft.DurableTask;

namespace G7Flows.Workflows.Tests.Replay;

/// <summary>
/// Every recorded history of a real run replays against today's code without non-determinism: a change that would
/// break running instances fails here before it is deployed (docs/versioning.md).
/// </summary>
public sealed class ReplayTests
{
    /// <summary>The runs that must stay recorded: each orchestrator's main paths.</summary>
    public static readonly TheoryData<string> Required = new()
    {
        "ConsultationOrchestrator/2-adopted.json",
        "ConsultationOrchestrator/2-adopted-final-reminder.json",
        "ConsultationOrchestrator/2-expired.json",
        "ConsultationOrchestrator/2-withdrawn.json",
        "ConsultationOrchestrator/2-extended.json",
        "DisclosureOrchestrator/1-published.json",
        "DisclosureOrchestrator/1-changes-requested.json",
        "ReportOrchestrator/1-generated.json",
    };

    public static TheoryData<string> Recorded
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (RecordedHistory history in RecordedHistory.All)
            {
                data.Add(history.Name);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Recorded))]
    public void A_recorded_history_replays_against_todays_code(string name)
    {
        // Arrange
        RecordedHistory history = Load(name);

        // Act
        ReplayVerdict verdict = Replayer.Replay(history);

        // Assert
        Assert.True(verdict.Deterministic, $"{name} no longer replays: {verdict.Explanation}");
    }

    [Theory]
    [MemberData(nameof(Required))]
    public void A_required_run_is_recorded_and_complete(string name)
    {
        // Act
        RecordedHistory history = Load(name);

        // Assert: the file says what it holds, and it holds a whole run that did real work.
        Assert.Equal(name, $"{history.Orchestrator}/{history.Version}-{history.Scenario}.json");
        Assert.Equal(history.Version, Assert.Single(history.Events.OfType<ExecutionStartedEvent>()).Version);
        Assert.Equal(OrchestrationStatus.Completed, Assert.IsType<ExecutionCompletedEvent>(history.Completed).OrchestrationStatus);
        Assert.Contains(history.Events, e => e is TaskScheduledEvent);
    }

    [Fact]
    public void Every_orchestrators_current_version_has_a_recorded_run()
    {
        // Act
        var recorded = RecordedHistory.All.Select(h => (h.Orchestrator, h.Version)).ToHashSet();

        // Assert
        Assert.All(WorkflowVersions.ByOrchestrator, current => Assert.Contains((current.Key, current.Value), recorded));
    }

    [Fact]
    public void A_renamed_activity_in_the_history_is_caught()
    {
        // Arrange: the run scheduled an activity the code no longer calls by that name.
        RecordedHistory history = Load("ConsultationOrchestrator/2-adopted.json").With(events =>
        {
            TaskScheduledEvent first = events.OfType<TaskScheduledEvent>().First();
            first.Name = "RenamedActivity";
        });

        // Act
        ReplayVerdict verdict = Replayer.Replay(history);

        // Assert
        Assert.False(verdict.Deterministic);
        Assert.Contains("RenamedActivity", verdict.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_activity_the_run_never_scheduled_is_caught()
    {
        // Arrange
        RecordedHistory history = Load("ConsultationOrchestrator/2-adopted.json");

        // Act: today's code with one more activity call in front
        ReplayVerdict verdict = Replayer.Replay(history, new ConsultationWithAnExtraStep());

        // Assert: the engine saw a timer where the code now schedules an activity.
        Assert.False(verdict.Deterministic);
        Assert.Contains("Non-Deterministic", verdict.Explanation, StringComparison.Ordinal);
        Assert.Contains(nameof(SendRemindersActivity), verdict.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Required))]
    public void An_orchestrator_that_skips_its_first_activity_is_caught(string name)
    {
        // Arrange: the history as if the code had dropped the run's first activity call (and the rest moved up).
        RecordedHistory history = Load(name).With(events =>
        {
            TaskScheduledEvent first = events.OfType<TaskScheduledEvent>().First();
            var others = events.OfType<TaskScheduledEvent>().Where(e => e != first).ToList();
            first.Name = others.Count > 0 ? others[0].Name : "AnotherActivity";
        });

        // Act
        ReplayVerdict verdict = Replayer.Replay(history);

        // Assert
        Assert.False(verdict.Deterministic, $"{name}: a changed first activity replayed as if nothing had changed.");
        Assert.Contains("Non-Deterministic", verdict.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_version_in_the_history_decides_the_path_on_replay()
    {
        // Arrange: a version-2 run that planned the final reminder, as if it had been started as version 1.
        RecordedHistory history = Load("ConsultationOrchestrator/2-adopted-final-reminder.json").With(events =>
            Assert.Single(events.OfType<ExecutionStartedEvent>()).Version = "1");
        DateTime deadline = Assert.IsType<TimerCreatedEvent>(history.Events.First(e => e is TimerCreatedEvent)).FireAt;

        // Act
        ReplayVerdict verdict = Replayer.Replay(history);

        // Assert: the recorded run has the reminder timer an hour before the deadline; version 1 never creates it.
        Assert.Contains(history.Events.OfType<TimerCreatedEvent>(), t => t.FireAt == deadline - ConsultationOrchestrator.FinalReminder);
        Assert.False(verdict.Deterministic);
        Assert.Contains("Non-Deterministic", verdict.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_instances_version_reaches_the_orchestrator_on_the_servers_engine()
    {
        // Arrange: a history of one start with version 2.
        var history = new RecordedHistory(
            nameof(VersionEcho),
            "2",
            "echo",
            [
                new OrchestratorStartedEvent(-1),
                new ExecutionStartedEvent(-1, "null")
                {
                    Name = nameof(VersionEcho),
                    Version = "2",
                    OrchestrationInstance = new OrchestrationInstance { InstanceId = "v", ExecutionId = "e" },
                },
            ],
            "echo.json");

        // Act
        ReplayVerdict verdict = Replayer.Replay(history, new VersionEcho());

        // Assert: the run would end with the version the orchestrator saw (the judge reports the code's ending).
        Assert.False(verdict.Deterministic);
        Assert.Contains("end Completed: \"2\"", verdict.Explanation, StringComparison.Ordinal);
    }

    private static RecordedHistory Load(string name) => RecordedHistory.Load(Path.Combine(RecordedHistory.Folder, name));

    /// <summary>Returns the version it was started with.</summary>
    private sealed class VersionEcho : TaskOrchestrator<object?, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, object? input) => Task.FromResult(context.Version);
    }

    /// <summary>Today's consultation with a new activity call before it: what an unversioned change would do.</summary>
    private sealed class ConsultationWithAnExtraStep : TaskOrchestrator<ConsultationInput, ConsultationResult>
    {
        public override async Task<ConsultationResult> RunAsync(TaskOrchestrationContext context, ConsultationInput input)
        {
            await context.CallActivityAsync<int>(nameof(SendRemindersActivity), input);
            return await new ConsultationOrchestrator().RunAsync(context, input);
        }
    }
}
