using Azure.Storage.Blobs;
using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Disclosures.Publishing;
using G7Flows.Workflows.Platform.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace G7Flows.IntegrationTests.Disclosures;

/// <summary>Disclosures to publish in tests, and a publisher over a given Azurite.</summary>
public static class PublicDisclosures
{
    public static readonly DateTime Submitted = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>A unique id with a readable prefix, so that a test can pick its own entries out of a shared index.</summary>
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 64)];

    /// <summary>A plain defence policy with one published comment.</summary>
    public static PublicDisclosure Policy(string id, DateTime? publishedAt = null, string title = "Defence policy review 2026", string nation = "FR") => new(
        id,
        nation,
        "defence-policy",
        title,
        "# Summary\n\nThe review sets out **three** priorities.",
        2,
        Submitted,
        publishedAt ?? new DateTime(2026, 3, 20, 12, 30, 0, DateTimeKind.Utc),
        [new PublicComment("c1", "Citizens for Transparency", "We welcome the review.\nPlease publish annexes.", new DateTime(2026, 3, 10, 8, 0, 0, DateTimeKind.Utc))],
        null,
        null);

    /// <summary>
    /// A military-expenditure statement: 60,000 of a GDP of 2,000,000 (3.00 % of GDP, meets 2 %), of which 9,000 is
    /// procurement and R&amp;D (15.00 % equipment share, below 20 %).
    /// </summary>
    public static PublicDisclosure Expenditure(string id, DateTime? publishedAt = null) => Policy(id, publishedAt, "Military expenditure 2025", "DE") with
    {
        Kind = "military-expenditure",
        BodyMarkdown = "Germany's military expenditure for 2025, after the UN Report on Military Expenditures.",
        Expenditure = new ExpenditureReport(
            2025,
            "EUR",
            2_000_000m,
            new Dictionary<string, IReadOnlyDictionary<string, decimal>>(StringComparer.Ordinal)
            {
                [ExpenditureCategories.Personnel] = new Dictionary<string, decimal> { [ForceGroups.Land] = 30_000m, [ForceGroups.Air] = 10_000m },
                [ExpenditureCategories.OperationsAndMaintenance] = new Dictionary<string, decimal> { [ForceGroups.Naval] = 11_000m },
                [ExpenditureCategories.ProcurementAndConstruction] = new Dictionary<string, decimal> { [ForceGroups.Air] = 6_000m },
                [ExpenditureCategories.ResearchAndDevelopment] = new Dictionary<string, decimal> { [ForceGroups.Strategic] = 3_000m },
            }),
    };

    /// <summary>A publisher writing to the Azurite behind <paramref name="connectionString"/>, as the server's is.</summary>
    public static DisclosurePublisher Publisher(string connectionString) =>
        new(Storage(connectionString), NullLogger<DisclosurePublisher>.Instance);

    public static StorageClients Storage(string connectionString) => StorageClients.FromConnectionString(connectionString);

    public static BlobContainerClient Container(string connectionString) =>
        Storage(connectionString).Container(StorageNames.PublicDisclosuresContainer);
}
