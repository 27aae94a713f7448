using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Disclosures.Publishing;

namespace G7Flows.Workflows.Tests.Disclosures.Builders;

/// <summary>Published disclosures for rendering tests: a plain defence policy by default, with an expenditure report on request.</summary>
public sealed class PublicDisclosureBuilder
{
    public static readonly DateTime Submitted = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Published = new(2026, 3, 20, 12, 30, 0, DateTimeKind.Utc);

    private PublicDisclosure disclosure = new(
        "d-2026-0001",
        "FR",
        "defence-policy",
        "Defence policy review 2026",
        "# Summary\n\nThe review sets out **three** priorities.",
        2,
        Submitted,
        Published,
        [new PublicComment("c1", "Citizens for Transparency", "We welcome the review.\nPlease publish annexes.", new DateTime(2026, 3, 10, 8, 0, 0, DateTimeKind.Utc))],
        null,
        null);

    /// <summary>A small report: total 20 of a GDP of 1,000 (2.00 %, meets), 2 of it on equipment (10.00 %, below).</summary>
    public static ExpenditureReport SmallReport(decimal gdp = 1000m) => Report(
        gdp,
        (ExpenditureCategories.Personnel, ForceGroups.Land, 10m),
        (ExpenditureCategories.Personnel, ForceGroups.Air, 5m),
        (ExpenditureCategories.OperationsAndMaintenance, ForceGroups.Land, 3m),
        (ExpenditureCategories.ProcurementAndConstruction, ForceGroups.Naval, 1.5m),
        (ExpenditureCategories.ResearchAndDevelopment, ForceGroups.Strategic, 0.5m));

    public static ExpenditureReport Report(decimal gdp, params (string Category, string Group, decimal Amount)[] cells) =>
        new(
            2025,
            "EUR",
            gdp,
            cells.GroupBy(c => c.Category).ToDictionary(
                g => g.Key,
                g => (IReadOnlyDictionary<string, decimal>)g.ToDictionary(c => c.Group, c => c.Amount),
                StringComparer.Ordinal));

    public PublicDisclosureBuilder With(Func<PublicDisclosure, PublicDisclosure> change)
    {
        this.disclosure = change(this.disclosure);
        return this;
    }

    public PublicDisclosureBuilder WithExpenditure(ExpenditureReport report) =>
        this.With(d => d with { Kind = "military-expenditure", Expenditure = report });

    public PublicDisclosure Build() => this.disclosure;
}
