namespace G7Flows.Workflows.Disclosures.Screening;

/// <summary>
/// The classification systems a marking can belong to, as they appear in <see cref="ScreeningFinding.System"/>
/// (the names of the systems table in the domain description).
/// </summary>
/// <remarks>
/// Several systems share words: <c>TOP SECRET</c> is American, British and Canadian, <c>SECRET</c> is also French.
/// Such a marking is attributed to the submitting nation's system when it belongs to it, otherwise to the first
/// system that uses it (the United States for the English words, France for <c>TRÈS SECRET</c>).
/// </remarks>
public static class MarkingSystems
{
    public const string Nato = "NATO";
    public const string EuropeanUnion = "EU";
    public const string UnitedStates = "US";
    public const string UnitedKingdom = "UK";
    public const string Canada = "Canada";
    public const string France = "France";
    public const string Germany = "Germany";
    public const string Italy = "Italy";
    public const string Japan = "Japan";

    /// <summary>Every system, in the order of the domain table.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Nato, EuropeanUnion, UnitedStates, UnitedKingdom, Canada, France, Germany, Italy, Japan];
}
