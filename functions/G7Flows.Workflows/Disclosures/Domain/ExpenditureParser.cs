using System.Globalization;
using System.Text;
using System.Text.Json;

namespace G7Flows.Workflows.Disclosures.Domain;

/// <summary>
/// Reads and checks the <c>expenditure</c> object of a military-expenditure disclosure. Numbers are read as
/// <see cref="decimal"/> straight from the JSON text, never through floating point, so 0.1 + 0.2 is 0.3.
/// Every problem is reported under a path-like field name (<c>expenditure.amounts.personnel.land</c>); nothing throws.
/// </summary>
public static class ExpenditureParser
{
    /// <summary>The first year a report may be for; the last is the year after the current one.</summary>
    public const int FirstYear = 1990;

    /// <summary>
    /// The largest amount or GDP accepted (10^20): far above any participant's GDP in its own currency, and low enough
    /// that totals and shares can never overflow <see cref="decimal"/>.
    /// </summary>
    public const decimal MaximumAmount = 100_000_000_000_000_000_000m;

    /// <summary>The smallest GDP accepted: one unit of the currency, so that the share of GDP is always defined and finite.</summary>
    public const decimal MinimumGdp = 1m;

    private const string Root = "expenditure";

    private static readonly string[] Required = ["year", "currency", "gdp", "amounts"];

    /// <summary>Reads <paramref name="element"/> as the expenditure report of <paramref name="nation"/>.</summary>
    /// <param name="element">The value of the request's <c>expenditure</c> property.</param>
    /// <param name="nation">The disclosing participant (CA, FR, DE, IT, JP, GB, US or EU); it decides the currency.</param>
    /// <param name="currentYear">The current year by the caller's clock; a report may be for the following year at most.</param>
    /// <param name="report">The report when the input is valid, else null.</param>
    /// <param name="errors">Field name to messages; empty when the input is valid.</param>
    /// <returns>True when the input is a valid report.</returns>
    public static bool TryParse(
        JsonElement element,
        string nation,
        int currentYear,
        out ExpenditureReport? report,
        out IReadOnlyDictionary<string, string[]> errors)
    {
        var found = new ErrorList();
        report = null;
        string? expectedCurrency = ExpenditureCurrencies.Of(nation);
        if (expectedCurrency is null)
        {
            found.Add("nation", $"'{Printable(nation)}' is not a participant, so its national currency is not known.");
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            found.Add(Root, "Give the expenditure as an object with year, currency, gdp and amounts.");
            errors = found.ToDictionary();
            return false;
        }

        int? year = null;
        string? currency = null;
        decimal? gdp = null;
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>>? amounts = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty property in element.EnumerateObject())
        {
            string field = Child(Root, property.Name);
            if (!seen.Add(property.Name))
            {
                found.Add(field, "This property is given more than once.");
                continue;
            }

            switch (property.Name)
            {
                case "year":
                    year = ReadYear(property.Value, currentYear, field, found);
                    break;
                case "currency":
                    currency = ReadCurrency(property.Value, nation, expectedCurrency, field, found);
                    break;
                case "gdp":
                    gdp = ReadGdp(property.Value, field, found);
                    break;
                case "amounts":
                    amounts = ReadAmounts(property.Value, field, found);
                    break;
                default:
                    found.Add(field, $"Unknown property; use only {string.Join(", ", Required)}.");
                    break;
            }
        }

        foreach (string name in Required.Where(name => !seen.Contains(name)))
        {
            found.Add(Child(Root, name), "This property is required.");
        }

        errors = found.ToDictionary();
        if (found.Count > 0 || year is null || currency is null || gdp is null || amounts is null)
        {
            return false;
        }

        report = new ExpenditureReport(year.Value, currency, gdp.Value, amounts);
        return true;
    }

    private static int? ReadYear(JsonElement value, int currentYear, string field, ErrorList found)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int year) && year >= FirstYear && year <= currentYear + 1)
        {
            return year;
        }

        found.Add(field, $"Give the year as a whole number from {FirstYear} to {(currentYear + 1).ToString(CultureInfo.InvariantCulture)}.");
        return null;
    }

    private static string? ReadCurrency(JsonElement value, string nation, string? expected, string field, ErrorList found)
    {
        string? currency = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (expected is null)
        {
            return currency;
        }

        if (!string.Equals(currency, expected, StringComparison.Ordinal))
        {
            found.Add(field, $"Give the amounts in {nation}'s national currency, {expected}.");
            return null;
        }

        return currency;
    }

    private static decimal? ReadGdp(JsonElement value, string field, ErrorList found)
    {
        decimal? gdp = ReadNumber(value, field, found, "The GDP");
        if (gdp is { } g && g < MinimumGdp)
        {
            found.Add(field, "The GDP must be a positive number of at least 1 in the national currency.");
            return null;
        }

        return gdp;
    }

    private static Dictionary<string, IReadOnlyDictionary<string, decimal>>? ReadAmounts(JsonElement value, string field, ErrorList found)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            found.Add(field, $"Give the amounts as an object of cost categories ({string.Join(", ", ExpenditureCategories.All)}), each an object of force groups ({string.Join(", ", ForceGroups.All)}) to amounts.");
            return null;
        }

        var read = new Dictionary<string, Dictionary<string, decimal>>(StringComparer.Ordinal);
        foreach (JsonProperty category in value.EnumerateObject())
        {
            string categoryField = Child(field, category.Name);
            if (!ExpenditureCategories.IsKnown(category.Name))
            {
                found.Add(categoryField, $"Unknown cost category; use {string.Join(", ", ExpenditureCategories.All)}.");
            }
            else if (read.ContainsKey(category.Name))
            {
                found.Add(categoryField, "This cost category is given more than once.");
            }
            else if (category.Value.ValueKind != JsonValueKind.Object)
            {
                found.Add(categoryField, $"Give an object of force groups ({string.Join(", ", ForceGroups.All)}) to amounts.");
            }
            else
            {
                read[category.Name] = ReadCells(category.Value, categoryField, found);
            }
        }

        // Canonical order (the UN form's), whatever the order of the input, so that published JSON is stable.
        var amounts = new Dictionary<string, IReadOnlyDictionary<string, decimal>>(StringComparer.Ordinal);
        foreach (string category in ExpenditureCategories.All.Where(read.ContainsKey))
        {
            Dictionary<string, decimal> cells = read[category];
            amounts[category] = ForceGroups.All.Where(cells.ContainsKey).ToDictionary(g => g, g => cells[g], StringComparer.Ordinal);
        }

        return amounts;
    }

    private static Dictionary<string, decimal> ReadCells(JsonElement groups, string field, ErrorList found)
    {
        var cells = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (JsonProperty group in groups.EnumerateObject())
        {
            string cellField = Child(field, group.Name);
            if (!ForceGroups.IsKnown(group.Name))
            {
                found.Add(cellField, $"Unknown force group; use {string.Join(", ", ForceGroups.All)}.");
            }
            else if (cells.ContainsKey(group.Name))
            {
                found.Add(cellField, "This force group is given more than once.");
            }
            else if (ReadNumber(group.Value, cellField, found, "An amount") is { } amount)
            {
                cells[group.Name] = amount;
            }
        }

        return cells;
    }

    /// <summary>A finite, non-negative JSON number up to <see cref="MaximumAmount"/>, read as decimal; null after recording an error.</summary>
    private static decimal? ReadNumber(JsonElement value, string field, ErrorList found, string what)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            found.Add(field, $"{what} must be a JSON number, not {Describe(value.ValueKind)}.");
            return null;
        }

        if (!value.TryGetDecimal(out decimal number))
        {
            found.Add(field, $"{what} is too large; the largest accepted is 10^20.");
            return null;
        }

        if (number < 0)
        {
            found.Add(field, $"{what} cannot be negative.");
            return null;
        }

        if (number > MaximumAmount)
        {
            found.Add(field, $"{what} is too large; the largest accepted is 10^20.");
            return null;
        }

        return number;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "missing",
    };

    private static string Child(string parent, string name) => parent + "." + Printable(name);

    /// <summary>A property name as it may appear in a field name: at most 40 characters, control characters and lone surrogates replaced.</summary>
    private static string Printable(string? name)
    {
        if (name is null)
        {
            return "null";
        }

        var text = new StringBuilder();
        foreach (char c in name.Take(40))
        {
            text.Append(char.IsControl(c) || char.IsSurrogate(c) ? '?' : c);
        }

        return name.Length > 40 ? text.Append('…').ToString() : text.ToString();
    }

    /// <summary>Messages by field, in the order they were found.</summary>
    private sealed class ErrorList
    {
        private readonly Dictionary<string, List<string>> messages = new(StringComparer.Ordinal);

        public int Count => this.messages.Count;

        public void Add(string field, string message)
        {
            if (!this.messages.TryGetValue(field, out List<string>? list))
            {
                list = [];
                this.messages[field] = list;
            }

            list.Add(message);
        }

        public Dictionary<string, string[]> ToDictionary() =>
            this.messages.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
    }
}
