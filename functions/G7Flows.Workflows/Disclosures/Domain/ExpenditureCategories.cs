namespace G7Flows.Workflows.Disclosures.Domain;

/// <summary>The four cost categories of the UN Report on Military Expenditures, by their wire names.</summary>
public static class ExpenditureCategories
{
    public const string Personnel = "personnel";
    public const string OperationsAndMaintenance = "operationsAndMaintenance";
    public const string ProcurementAndConstruction = "procurementAndConstruction";
    public const string ResearchAndDevelopment = "researchAndDevelopment";

    /// <summary>Every category, in the order of the UN form.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Personnel, OperationsAndMaintenance, ProcurementAndConstruction, ResearchAndDevelopment];

    /// <summary>The categories NATO counts as major equipment: procurement and construction, and research and development.</summary>
    public static IReadOnlyList<string> Equipment { get; } = [ProcurementAndConstruction, ResearchAndDevelopment];

    /// <summary>True for one of <see cref="All"/>, spelt exactly.</summary>
    public static bool IsKnown(string? name) => name is not null && All.Contains(name, StringComparer.Ordinal);
}

/// <summary>The force groups of the UN Report on Military Expenditures, by their wire names.</summary>
public static class ForceGroups
{
    public const string Strategic = "strategic";
    public const string Land = "land";
    public const string Naval = "naval";
    public const string Air = "air";
    public const string Other = "other";

    /// <summary>Every force group, in the order of the UN form.</summary>
    public static IReadOnlyList<string> All { get; } = [Strategic, Land, Naval, Air, Other];

    /// <summary>True for one of <see cref="All"/>, spelt exactly.</summary>
    public static bool IsKnown(string? name) => name is not null && All.Contains(name, StringComparer.Ordinal);
}
