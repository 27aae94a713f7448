using System.Collections.Frozen;

namespace G7Flows.Workflows.Platform.Security;

/// <summary>The participants G7Flows knows: the seven G7 members and the European Union.</summary>
public static class Nations
{
    /// <summary>ISO 3166-1 alpha-2 codes of the G7 members, and EU for the European Union.</summary>
    public static IReadOnlyList<string> All { get; } = ["CA", "FR", "DE", "IT", "JP", "GB", "US", "EU"];

    private static readonly FrozenSet<string> Known = All.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>True when <paramref name="code"/> is one of <see cref="All"/> (upper case, exact).</summary>
    public static bool IsKnown(string? code) => code is not null && Known.Contains(code);
}
