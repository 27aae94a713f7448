using System.Text.Json;
using G7Flows.Workflows.Disclosures.Domain;

namespace G7Flows.Workflows.Tests.Disclosures.Domain;

public sealed class ExpenditureParserTests
{
    private const int CurrentYear = 2026;

    private const string Valid = """
        {
          "year": 2025,
          "currency": "EUR",
          "gdp": 2900000000000,
          "amounts": {
            "personnel": { "land": 12000000000.50, "naval": 4000000000, "air": 5000000000 },
            "operationsAndMaintenance": { "land": 9000000000, "other": 1000000000 },
            "procurementAndConstruction": { "strategic": 3000000000, "air": 7000000000 },
            "researchAndDevelopment": { "strategic": 2500000000 }
          }
        }
        """;

    private static (bool Ok, ExpenditureReport? Report, IReadOnlyDictionary<string, string[]> Errors) Parse(string json, string nation = "FR", int currentYear = CurrentYear)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        bool ok = ExpenditureParser.TryParse(document.RootElement, nation, currentYear, out ExpenditureReport? report, out IReadOnlyDictionary<string, string[]> errors);
        return (ok, report, errors);
    }

    /// <summary>The valid report with one property replaced by raw JSON (or removed when <paramref name="value"/> is null).</summary>
    private static string With(string property, string? value)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["year"] = "2025",
            ["currency"] = "\"EUR\"",
            ["gdp"] = "2900000000000",
            ["amounts"] = """{ "personnel": { "land": 1 } }""",
        };
        if (value is null)
        {
            fields.Remove(property);
        }
        else
        {
            fields[property] = value;
        }

        return "{" + string.Join(",", fields.Select(f => $"\"{f.Key}\":{f.Value}")) + "}";
    }

    [Fact]
    public void A_valid_report_is_read_with_exact_amounts_in_the_forms_order()
    {
        // Act
        (bool ok, ExpenditureReport? report, IReadOnlyDictionary<string, string[]> errors) = Parse(Valid);

        // Assert
        Assert.True(ok);
        Assert.Empty(errors);
        Assert.NotNull(report);
        Assert.Equal(2025, report.Year);
        Assert.Equal("EUR", report.Currency);
        Assert.Equal(2_900_000_000_000m, report.Gdp);
        Assert.Equal(12_000_000_000.50m, report.Amount(ExpenditureCategories.Personnel, ForceGroups.Land));
        Assert.Equal(0m, report.Amount(ExpenditureCategories.Personnel, ForceGroups.Strategic));
        Assert.Equal(ExpenditureCategories.All, report.Amounts.Keys);
        Assert.Equal([ForceGroups.Land, ForceGroups.Naval, ForceGroups.Air], report.Amounts[ExpenditureCategories.Personnel].Keys);
    }

    [Fact]
    public void Amounts_are_read_as_decimals_so_a_tenth_and_two_tenths_make_exactly_three_tenths()
    {
        // Act
        (bool ok, ExpenditureReport? report, _) = Parse(With("amounts", """{ "personnel": { "land": 0.1, "air": 0.2 } }"""));

        // Assert
        Assert.True(ok);
        Assert.Equal(0.3m, report!.Amount(ExpenditureCategories.Personnel, ForceGroups.Land) + report.Amount(ExpenditureCategories.Personnel, ForceGroups.Air));
        Assert.Equal(0.3m, ExpenditureFigures.Compute(report).Total);
    }

    [Fact]
    public void Twenty_eight_significant_digits_survive()
    {
        // Act
        (bool ok, ExpenditureReport? report, _) = Parse(With("amounts", """{ "personnel": { "land": 12345678901234567890.12345678 } }"""));

        // Assert
        Assert.True(ok);
        Assert.Equal(12345678901234567890.12345678m, report!.Amount(ExpenditureCategories.Personnel, ForceGroups.Land));
    }

    [Theory]
    [InlineData("CA", "CAD")]
    [InlineData("FR", "EUR")]
    [InlineData("DE", "EUR")]
    [InlineData("IT", "EUR")]
    [InlineData("EU", "EUR")]
    [InlineData("GB", "GBP")]
    [InlineData("US", "USD")]
    [InlineData("JP", "JPY")]
    public void Each_participant_reports_in_its_own_currency(string nation, string currency)
    {
        // Act
        (bool ok, _, IReadOnlyDictionary<string, string[]> errors) = Parse(With("currency", $"\"{currency}\""), nation);

        // Assert
        Assert.True(ok, string.Join("; ", errors.Keys));
    }

    [Theory]
    [InlineData("{}", "an empty amounts object: every cell zero")]
    [InlineData("""{ "personnel": {} }""", "an empty category")]
    [InlineData("""{ "personnel": { "land": 0 } }""", "a zero cell")]
    [InlineData("""{ "personnel": { "land": -0 } }""", "negative zero is zero")]
    [InlineData("""{ "personnel": { "land": 1e-400 } }""", "a vanishingly small exponent is zero")]
    [InlineData("""{ "personnel": { "land": 1.5E+9 } }""", "an exponent")]
    [InlineData("""{ "personnel": { "land": 100000000000000000000 } }""", "the largest amount accepted, 10^20")]
    public void Good_amounts_are_accepted(string amounts, string because)
    {
        // Act
        (bool ok, _, IReadOnlyDictionary<string, string[]> errors) = Parse(With("amounts", amounts));

        // Assert
        Assert.True(ok, $"{because}: {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
    }

    public static TheoryData<string, string, string> BadInputs => new()
    {
        // input, the field named, why
        { With("currency", "\"USD\""), "expenditure.currency", "a currency that is not France's" },
        { With("currency", "\"eur\""), "expenditure.currency", "the right code in lower case" },
        { With("currency", "978"), "expenditure.currency", "a numeric currency code" },
        { With("currency", "null"), "expenditure.currency", "a null currency" },
        { With("currency", null), "expenditure.currency", "no currency" },
        { With("year", "1989"), "expenditure.year", "the year before the first" },
        { With("year", "2028"), "expenditure.year", "two years ahead" },
        { With("year", "2025.5"), "expenditure.year", "a fractional year" },
        { With("year", "\"2025\""), "expenditure.year", "a year as a string" },
        { With("year", "99999999999"), "expenditure.year", "a year beyond int" },
        { With("year", null), "expenditure.year", "no year" },
        { With("gdp", "0"), "expenditure.gdp", "a zero GDP" },
        { With("gdp", "-5"), "expenditure.gdp", "a negative GDP" },
        { With("gdp", "0.5"), "expenditure.gdp", "a GDP under one unit" },
        { With("gdp", "\"2900000000000\""), "expenditure.gdp", "a GDP as a string" },
        { With("gdp", "1e400"), "expenditure.gdp", "a GDP that overflows decimal" },
        { With("gdp", "1e21"), "expenditure.gdp", "a GDP over the largest accepted" },
        { With("gdp", null), "expenditure.gdp", "no GDP" },
        { With("amounts", null), "expenditure.amounts", "no amounts" },
        { With("amounts", "[]"), "expenditure.amounts", "amounts as an array" },
        { With("amounts", "5"), "expenditure.amounts", "amounts as a number" },
        { With("amounts", """{ "personnel": 5 }"""), "expenditure.amounts.personnel", "a category as a number" },
        { With("amounts", """{ "pensions": { "land": 1 } }"""), "expenditure.amounts.pensions", "an unknown category" },
        { With("amounts", """{ "Personnel": { "land": 1 } }"""), "expenditure.amounts.Personnel", "a category in the wrong case" },
        { With("amounts", """{ "personnel": { "space": 1 } }"""), "expenditure.amounts.personnel.space", "an unknown force group" },
        { With("amounts", """{ "personnel": { "land": -1 } }"""), "expenditure.amounts.personnel.land", "a negative amount" },
        { With("amounts", """{ "personnel": { "land": -0.01 } }"""), "expenditure.amounts.personnel.land", "a small negative amount" },
        { With("amounts", """{ "personnel": { "land": "100" } }"""), "expenditure.amounts.personnel.land", "an amount as a string" },
        { With("amounts", """{ "personnel": { "land": "NaN" } }"""), "expenditure.amounts.personnel.land", "NaN as a string" },
        { With("amounts", """{ "personnel": { "land": "Infinity" } }"""), "expenditure.amounts.personnel.land", "Infinity as a string" },
        { With("amounts", """{ "personnel": { "land": true } }"""), "expenditure.amounts.personnel.land", "a boolean amount" },
        { With("amounts", """{ "personnel": { "land": null } }"""), "expenditure.amounts.personnel.land", "a null amount" },
        { With("amounts", """{ "personnel": { "land": [1] } }"""), "expenditure.amounts.personnel.land", "an amount in an array" },
        { With("amounts", """{ "personnel": { "land": 1e400 } }"""), "expenditure.amounts.personnel.land", "an amount that overflows decimal" },
        { With("amounts", """{ "personnel": { "land": 1e29 } }"""), "expenditure.amounts.personnel.land", "an amount just beyond decimal" },
        { With("amounts", """{ "personnel": { "land": 100000000000000000001 } }"""), "expenditure.amounts.personnel.land", "an amount just over 10^20" },
        { With("amounts", """{ "personnel": { "land": 1, "land": 2 } }"""), "expenditure.amounts.personnel.land", "a cell given twice" },
        { With("amounts", """{ "personnel": { "land": 1 }, "personnel": { "air": 2 } }"""), "expenditure.amounts.personnel", "a category given twice" },
        { """{"year":2025,"currency":"EUR","gdp":1000,"amounts":{},"notes":"x"}""", "expenditure.notes", "an unknown property" },
        { """{"year":2025,"year":2024,"currency":"EUR","gdp":1000,"amounts":{}}""", "expenditure.year", "the year given twice" },
        { "[]", "expenditure", "an array instead of an object" },
        { "null", "expenditure", "null instead of an object" },
        { "\"report\"", "expenditure", "a string instead of an object" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_is_refused_with_the_field_named(string json, string field, string because)
    {
        // Act
        (bool ok, ExpenditureReport? report, IReadOnlyDictionary<string, string[]> errors) = Parse(json);

        // Assert
        Assert.False(ok, because);
        Assert.Null(report);
        Assert.True(errors.ContainsKey(field), $"{because}: expected {field}, got {string.Join(", ", errors.Keys)}");
        Assert.All(errors.Values, messages => Assert.All(messages, m => Assert.False(string.IsNullOrWhiteSpace(m))));
    }

    [Fact]
    public void The_year_may_be_the_next_one_and_no_later()
    {
        // Act
        (bool next, _, _) = Parse(With("year", "2027"));
        (bool first, _, _) = Parse(With("year", "1990"));
        (bool later, _, IReadOnlyDictionary<string, string[]> errors) = Parse(With("year", "2028"));

        // Assert
        Assert.True(next);
        Assert.True(first);
        Assert.False(later);
        Assert.Contains("from 1990 to 2027", Assert.Single(errors["expenditure.year"]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_currency_message_names_the_nations_currency()
    {
        // Act
        (_, _, IReadOnlyDictionary<string, string[]> errors) = Parse(With("currency", "\"EUR\""), "JP");

        // Assert
        Assert.Contains("JPY", Assert.Single(errors["expenditure.currency"]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_nation_that_is_not_a_participant_is_named()
    {
        // Act
        (bool ok, _, IReadOnlyDictionary<string, string[]> errors) = Parse(Valid, "XX");

        // Assert
        Assert.False(ok);
        Assert.True(errors.ContainsKey("nation"));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        // Arrange
        const string json = """{"year":1900,"currency":"USD","gdp":-1,"amounts":{"personnel":{"land":-1,"sea":1},"misc":{}},"extra":1}""";

        // Act
        (_, _, IReadOnlyDictionary<string, string[]> errors) = Parse(json);

        // Assert
        Assert.Equal(
            ["expenditure.amounts.misc", "expenditure.amounts.personnel.land", "expenditure.amounts.personnel.sea", "expenditure.currency", "expenditure.extra", "expenditure.gdp", "expenditure.year"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_property_name_with_control_characters_is_named_printably_and_shortly()
    {
        // Arrange
        string name = "bad\u0001name" + new string('x', 100);

        // Act
        (_, _, IReadOnlyDictionary<string, string[]> errors) = Parse($$"""{"year":2025,"currency":"EUR","gdp":1000,"amounts":{},"{{name.Replace("\u0001", "\\u0001", StringComparison.Ordinal)}}":1}""");

        // Assert
        string field = Assert.Single(errors.Keys);
        Assert.StartsWith("expenditure.bad?name", field, StringComparison.Ordinal);
        Assert.True(field.Length < 60);
    }
}
