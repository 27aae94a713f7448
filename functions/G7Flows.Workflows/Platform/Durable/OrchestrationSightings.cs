using System.Collections.Concurrent;

namespace G7Flows.Workflows.Platform.Durable;

/// <summary>
/// What this process's durable engine has seen stored of each orchestration instance: an episode (its history holds
/// the start, so an event sent to it from then on reaches it) and its end (completed, failed or terminated). Callers
/// that would otherwise ask the engine for an instance's status look here first. A host whose engine does not report
/// this (the functions app) leaves it empty, and callers ask the engine as before. Bounded: past
/// <see cref="Capacity"/> instances it forgets them all, which only costs the callers their question again.
/// </summary>
public sealed class OrchestrationSightings
{
    /// <summary>How many instances are remembered before everything is forgotten.</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, bool> seen = new(StringComparer.Ordinal);

    /// <summary>How many instances were added since the last time everything was forgotten (counted here: the dictionary's own count takes all its locks).</summary>
    private int added;

    /// <summary>Notes that the engine has stored an episode of <paramref name="instanceId"/>; <paramref name="ended"/> when it ended the instance.</summary>
    public void Stored(string instanceId, bool ended)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        if (!this.seen.TryAdd(instanceId, ended))
        {
            if (ended)
            {
                this.seen[instanceId] = true;
            }

            return;
        }

        if (Interlocked.Increment(ref this.added) > Capacity)
        {
            this.seen.Clear();
            this.seen[instanceId] = ended;
            Interlocked.Exchange(ref this.added, 1);
        }
    }

    /// <summary>True when this process saw an episode of <paramref name="instanceId"/> stored: it has started.</summary>
    public bool HasStarted(string instanceId) => this.seen.ContainsKey(instanceId);

    /// <summary>True when this process saw <paramref name="instanceId"/> end.</summary>
    public bool HasEnded(string instanceId) => this.seen.TryGetValue(instanceId, out bool ended) && ended;
}
