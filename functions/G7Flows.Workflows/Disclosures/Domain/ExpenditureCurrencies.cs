using System.Collections.Frozen;

namespace G7Flows.Workflows.Disclosures.Domain;

/// <summary>The national currency in which each participant reports its military expenditure.</summary>
public static class ExpenditureCurrencies
{
    private static readonly FrozenDictionary<string, string> ByNation = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["CA"] = "CAD",
        ["FR"] = "EUR",
        ["DE"] = "EUR",
        ["IT"] = "EUR",
        ["JP"] = "JPY",
        ["GB"] = "GBP",
        ["US"] = "USD",
        ["EU"] = "EUR",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The ISO 4217 code of <paramref name="nation"/>'s currency, or null for a code that is not a participant.</summary>
    public static string? Of(string? nation) =>
        nation is not null && ByNation.TryGetValue(nation, out string? currency) ? currency : null;
}
