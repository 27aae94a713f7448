namespace G7Flows.Workflows.Disclosures.Domain;

/// <summary>
/// A nation's military expenditure for one year, shaped like the UN Report on Military Expenditures: amounts by
/// cost category and force group in the national currency at current prices, with the GDP in the same currency.
/// </summary>
/// <param name="Year">The calendar or fiscal year the figures are for.</param>
/// <param name="Currency">The ISO 4217 code of the nation's currency (see <see cref="ExpenditureCurrencies"/>).</param>
/// <param name="Gdp">The gross domestic product in <paramref name="Currency"/>, current prices.</param>
/// <param name="Amounts">
/// Category (<see cref="ExpenditureCategories"/>) to force group (<see cref="ForceGroups"/>) to amount, keyed by wire
/// names; a cell that is not there is zero (<see cref="Amount"/>).
/// </param>
public sealed record ExpenditureReport(
    int Year,
    string Currency,
    decimal Gdp,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>> Amounts)
{
    /// <summary>The amount of one cell; zero when the report leaves it out.</summary>
    public decimal Amount(string category, string forceGroup) =>
        this.Amounts.TryGetValue(category, out IReadOnlyDictionary<string, decimal>? groups)
        && groups.TryGetValue(forceGroup, out decimal amount)
            ? amount
            : 0m;
}
