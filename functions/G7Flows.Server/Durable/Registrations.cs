using DurableTask.Core;

namespace G7Flows.Server.Durable;

/// <summary>
/// The engine's registry of orchestrations or activities by name and version: <see cref="TaskHubWorker"/> looks up
/// every work item here, and the names it holds are exactly what the server runs (the host-parity test reads them).
/// </summary>
internal sealed class Registrations<T> : INameVersionObjectManager<T>
    where T : class
{
    private readonly Dictionary<string, ObjectCreator<T>> creators = new(StringComparer.Ordinal);

    /// <summary>The registered names, each once.</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            lock (this.creators)
            {
                return [.. this.creators.Values.Select(c => c.Name).Distinct(StringComparer.Ordinal)];
            }
        }
    }

    public void Add(ObjectCreator<T> creator)
    {
        ArgumentNullException.ThrowIfNull(creator);
        lock (this.creators)
        {
            if (!this.creators.TryAdd(Key(creator.Name, creator.Version), creator))
            {
                throw new InvalidOperationException($"{creator.Name} (version '{creator.Version}') is registered twice.");
            }
        }
    }

    public T? GetObject(string name, string? version)
    {
        ObjectCreator<T>? creator;
        lock (this.creators)
        {
            // One class runs every version of an orchestrator (it branches on the instance's version), so an instance
            // started with a version finds the class registered without one.
            if (!this.creators.TryGetValue(Key(name, version), out creator))
            {
                this.creators.TryGetValue(Key(name, null), out creator);
            }
        }

        return creator?.Create();
    }

    private static string Key(string name, string? version) => $"{name}_{version ?? string.Empty}";
}
