using G7Flows.Workflows.Disclosures.Domain;

namespace G7Flows.Workflows.Tests.Disclosures.Domain;

public sealed class ExpenditureFiguresTests
{
    private static ExpenditureReport Report(decimal gdp, params (string Category, string Group, decimal Amount)[] cells)
    {
        var amounts = cells
            .GroupBy(c => c.Category)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyDictionary<string, decimal>)g.ToDictionary(c => c.Group, c => c.Amount),
                StringComparer.Ordinal);
        return new ExpenditureReport(2025, "EUR", gdp, amounts);
    }

    [Fact]
    public void Totals_are_summed_by_category_by_force_group_and_overall()
    {
        // Arrange
        ExpenditureReport report = Report(
            1000m,
            (ExpenditureCategories.Personnel, ForceGroups.Land, 10m),
            (ExpenditureCategories.Personnel, ForceGroups.Air, 5m),
            (ExpenditureCategories.OperationsAndMaintenance, ForceGroups.Land, 3m),
            (ExpenditureCategories.ProcurementAndConstruction, ForceGroups.Naval, 1.5m),
            (ExpenditureCategories.ResearchAndDevelopment, ForceGroups.Strategic, 0.5m));

        // Act
        ExpenditureFigures figures = ExpenditureFigures.Compute(report);

        // Assert
        Assert.Equal(15m, figures.ByCategory[ExpenditureCategories.Personnel]);
        Assert.Equal(3m, figures.ByCategory[ExpenditureCategories.OperationsAndMaintenance]);
        Assert.Equal(1.5m, figures.ByCategory[ExpenditureCategories.ProcurementAndConstruction]);
        Assert.Equal(0.5m, figures.ByCategory[ExpenditureCategories.ResearchAndDevelopment]);
        Assert.Equal(13m, figures.ByForceGroup[ForceGroups.Land]);
        Assert.Equal(5m, figures.ByForceGroup[ForceGroups.Air]);
        Assert.Equal(1.5m, figures.ByForceGroup[ForceGroups.Naval]);
        Assert.Equal(0.5m, figures.ByForceGroup[ForceGroups.Strategic]);
        Assert.Equal(0m, figures.ByForceGroup[ForceGroups.Other]);
        Assert.Equal(20m, figures.Total);
        Assert.Equal(0.02m, figures.ShareOfGdp);
        Assert.Equal(0.1m, figures.EquipmentShare);
        Assert.True(figures.MeetsGdpGuideline);
        Assert.False(figures.MeetsEquipmentGuideline);
    }

    [Fact]
    public void Every_category_and_force_group_is_present_even_when_nothing_was_reported_for_it()
    {
        // Act
        ExpenditureFigures figures = ExpenditureFigures.Compute(Report(1000m, (ExpenditureCategories.Personnel, ForceGroups.Land, 1m)));

        // Assert
        Assert.Equal(ExpenditureCategories.All, figures.ByCategory.Keys);
        Assert.Equal(ForceGroups.All, figures.ByForceGroup.Keys);
    }

    [Fact]
    public void A_report_with_nothing_spent_has_no_equipment_share_and_meets_no_guideline()
    {
        // Act
        ExpenditureFigures figures = ExpenditureFigures.Compute(Report(1000m));

        // Assert
        Assert.Equal(0m, figures.Total);
        Assert.Equal(0m, figures.ShareOfGdp);
        Assert.Null(figures.EquipmentShare);
        Assert.False(figures.MeetsGdpGuideline);
        Assert.False(figures.MeetsEquipmentGuideline);
    }

    [Theory]
    [InlineData("2", "100", true)]
    [InlineData("1.9999999999", "100", false)]
    [InlineData("2.0000000001", "100", true)]
    [InlineData("20", "1000", true)]
    [InlineData("19.999999999999", "1000", false)]
    [InlineData("0", "1000", false)]
    public void The_gdp_guideline_is_met_at_exactly_two_percent(string total, string gdp, bool meets)
    {
        // Arrange
        ExpenditureReport report = Report(Dec(gdp), (ExpenditureCategories.Personnel, ForceGroups.Land, Dec(total)));

        // Act
        ExpenditureFigures figures = ExpenditureFigures.Compute(report);

        // Assert
        Assert.Equal(meets, figures.MeetsGdpGuideline);
    }

    [Theory]
    [InlineData("20", "80", true)]
    [InlineData("19.99", "80.01", false)]
    [InlineData("20.01", "79.99", true)]
    [InlineData("0", "100", false)]
    [InlineData("100", "0", true)]
    public void The_equipment_guideline_is_met_at_exactly_twenty_percent(string equipment, string rest, bool meets)
    {
        // Arrange: equipment split between procurement and R&D, which both count.
        decimal half = Dec(equipment) / 2;
        ExpenditureReport report = Report(
            1_000_000m,
            (ExpenditureCategories.ProcurementAndConstruction, ForceGroups.Air, half),
            (ExpenditureCategories.ResearchAndDevelopment, ForceGroups.Strategic, half),
            (ExpenditureCategories.Personnel, ForceGroups.Land, Dec(rest)));

        // Act
        ExpenditureFigures figures = ExpenditureFigures.Compute(report);

        // Assert
        Assert.Equal(Dec(equipment) / 100m, figures.EquipmentShare);
        Assert.Equal(meets, figures.MeetsEquipmentGuideline);
    }

    [Fact]
    public void Operations_and_personnel_do_not_count_as_equipment()
    {
        // Act
        ExpenditureFigures figures = ExpenditureFigures.Compute(Report(
            1000m,
            (ExpenditureCategories.Personnel, ForceGroups.Land, 50m),
            (ExpenditureCategories.OperationsAndMaintenance, ForceGroups.Land, 50m)));

        // Assert
        Assert.Equal(0m, figures.EquipmentShare);
        Assert.False(figures.MeetsEquipmentGuideline);
    }

    [Fact]
    public void The_largest_amounts_the_parser_accepts_do_not_overflow()
    {
        // Arrange: every cell at the maximum and the smallest GDP.
        var cells = ExpenditureCategories.All
            .SelectMany(c => ForceGroups.All.Select(g => (c, g, ExpenditureParser.MaximumAmount)))
            .ToArray();

        // Act
        ExpenditureFigures figures = ExpenditureFigures.Compute(Report(ExpenditureParser.MinimumGdp, cells));

        // Assert
        Assert.Equal(20m * ExpenditureParser.MaximumAmount, figures.Total);
        Assert.True(figures.MeetsGdpGuideline);
        Assert.Equal(0.5m, figures.EquipmentShare);
    }

    [Fact]
    public void A_published_example_gives_the_expected_shares()
    {
        // Arrange: Germany-like figures, EUR bn: 90.6 of 4,300 GDP, 25 % on equipment.
        ExpenditureReport report = Report(
            4_300_000_000_000m,
            (ExpenditureCategories.Personnel, ForceGroups.Land, 40_000_000_000m),
            (ExpenditureCategories.OperationsAndMaintenance, ForceGroups.Air, 27_950_000_000m),
            (ExpenditureCategories.ProcurementAndConstruction, ForceGroups.Naval, 18_650_000_000m),
            (ExpenditureCategories.ResearchAndDevelopment, ForceGroups.Other, 4_000_000_000m));

        // Act
        ExpenditureFigures figures = ExpenditureFigures.Compute(report);

        // Assert
        Assert.Equal(90_600_000_000m, figures.Total);
        Assert.Equal(0.25m, figures.EquipmentShare!.Value, 10);
        Assert.Equal(0.0210697674418604651162790698m, figures.ShareOfGdp);
        Assert.True(figures.MeetsGdpGuideline);
        Assert.True(figures.MeetsEquipmentGuideline);
    }

    [Fact]
    public void A_report_without_a_positive_gdp_is_refused()
    {
        // Act and assert
        Assert.Throws<ArgumentException>(() => ExpenditureFigures.Compute(Report(0m)));
    }

    private static decimal Dec(string value) => decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
}
