using DurableTask.Core.History;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace G7Flows.Workflows.Tests.Replay;

/// <summary>
/// The history of one real run of an orchestrator, as the Azure Storage backend committed it, stored as test data in
/// <c>Replay/Histories/{orchestrator}/{version}-{scenario}.json</c>. The file holds the orchestrator's name, the
/// version the instance was started with, the scenario, and the engine's history events as the Durable Task
/// Framework serializes them (each with its <c>EventType</c>).
/// </summary>
internal sealed record RecordedHistory(string Orchestrator, string Version, string Scenario, IReadOnlyList<HistoryEvent> Events, string File)
{
    /// <summary>Where the recorded histories are copied next to the test assembly.</summary>
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "Replay", "Histories");

    /// <summary>Every recorded history, ordered by file name.</summary>
    public static IReadOnlyList<RecordedHistory> All =>
        [.. Directory.EnumerateFiles(Folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(Load)];

    /// <summary>The file's name relative to the histories folder, e.g. <c>ConsultationOrchestrator/2-adopted.json</c>.</summary>
    public string Name => Path.GetRelativePath(Folder, this.File).Replace('\\', '/');

    /// <summary>The recorded end of the run: the <see cref="ExecutionCompletedEvent"/>, or null for a history of a running instance.</summary>
    public ExecutionCompletedEvent? Completed => this.Events.OfType<ExecutionCompletedEvent>().SingleOrDefault();

    /// <summary>Reads one history file.</summary>
    public static RecordedHistory Load(string file)
    {
        JObject root = JObject.Parse(System.IO.File.ReadAllText(file));
        var events = ((JArray)root["events"]!).Cast<JObject>().Select(ToEvent).ToList();
        return new RecordedHistory(
            (string)root["orchestrator"]!,
            (string)root["version"]!,
            (string)root["scenario"]!,
            events,
            file);
    }

    /// <summary>A copy whose events are fresh objects, changed by <paramref name="mutate"/> (for the negative tests).</summary>
    public RecordedHistory With(Action<List<HistoryEvent>> mutate)
    {
        ArgumentNullException.ThrowIfNull(mutate);
        var copy = Load(this.File).Events.ToList();
        mutate(copy);
        return this with { Events = copy };
    }

    /// <summary>A history event from its JSON: the concrete type is named by its <c>EventType</c> (a name or a number).</summary>
    private static HistoryEvent ToEvent(JObject json)
    {
        JToken kind = json["EventType"] ?? throw new InvalidDataException("A history event has no EventType.");
        EventType type = kind.Type == JTokenType.Integer ? (EventType)(int)kind : Enum.Parse<EventType>((string)kind!);
        Type clr = typeof(HistoryEvent).Assembly.GetType($"DurableTask.Core.History.{type}Event")
            ?? throw new InvalidDataException($"No history event class for {type}.");
        json.Remove("EventType");
        return (HistoryEvent)json.ToObject(clr, JsonSerializer.CreateDefault())!;
    }
}
