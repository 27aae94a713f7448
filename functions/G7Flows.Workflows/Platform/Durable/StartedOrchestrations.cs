using System.Collections.Concurrent;

namespace G7Flows.Workflows.Platform.Durable;

/// <summary>
/// The orchestration instances whose first episode this process has seen stored by the durable engine (its history
/// holds the start): an event sent to such an instance from now on reaches it, so a caller need not ask the engine
/// whether it has started. A host whose engine does not report this (the functions app) leaves the set empty, and
/// callers ask the engine as before. Bounded: past <see cref="Capacity"/> instances it forgets them all, which only
/// costs the callers their question again.
/// </summary>
public sealed class StartedOrchestrations
{
    /// <summary>How many instances are remembered before the set is cleared.</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, byte> started = new(StringComparer.Ordinal);

    /// <summary>Notes that the engine has stored an episode of <paramref name="instanceId"/>.</summary>
    public void Add(string instanceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        if (this.started.Count >= Capacity)
        {
            this.started.Clear();
        }

        this.started.TryAdd(instanceId, 0);
    }

    /// <summary>True when this process saw an episode of <paramref name="instanceId"/> stored.</summary>
    public bool Contains(string instanceId) => this.started.ContainsKey(instanceId);
}
