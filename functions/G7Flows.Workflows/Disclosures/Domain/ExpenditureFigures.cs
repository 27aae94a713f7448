namespace G7Flows.Workflows.Disclosures.Domain;

/// <summary>
/// What is computed from an <see cref="ExpenditureReport"/>: totals, the share of GDP and the equipment share, and
/// how they compare with NATO's guidelines (<see cref="ExpenditureGuidelines"/>). Exact decimals, never rounded here:
/// rounding is for display only.
/// </summary>
/// <param name="ByCategory">Total of each cost category, every category present (zero when nothing was reported).</param>
/// <param name="ByForceGroup">Total of each force group, every force group present.</param>
/// <param name="Total">All amounts together.</param>
/// <param name="ShareOfGdp"><see cref="Total"/> divided by the GDP (0.02 is 2 %).</param>
/// <param name="EquipmentShare">
/// Procurement and construction plus research and development, divided by <see cref="Total"/>; null when the total
/// is zero, because a share of nothing is undefined (showing 0 % would read as a measured figure).
/// </param>
/// <param name="MeetsGdpGuideline">True when <see cref="ShareOfGdp"/> is at least <see cref="ExpenditureGuidelines.GdpShare"/>.</param>
/// <param name="MeetsEquipmentGuideline">
/// True when <see cref="EquipmentShare"/> is at least <see cref="ExpenditureGuidelines.EquipmentShare"/>; false when
/// the share is undefined (nothing spent means nothing spent on equipment).
/// </param>
public sealed record ExpenditureFigures(
    IReadOnlyDictionary<string, decimal> ByCategory,
    IReadOnlyDictionary<string, decimal> ByForceGroup,
    decimal Total,
    decimal ShareOfGdp,
    decimal? EquipmentShare,
    bool MeetsGdpGuideline,
    bool MeetsEquipmentGuideline)
{
    /// <summary>Computes the figures of <paramref name="report"/>.</summary>
    /// <exception cref="ArgumentException">The GDP is not positive (a report from <see cref="ExpenditureParser"/> always has one).</exception>
    /// <exception cref="OverflowException">
    /// Amounts near <see cref="decimal.MaxValue"/>; reports from <see cref="ExpenditureParser"/> are bounded so that this cannot happen.
    /// </exception>
    public static ExpenditureFigures Compute(ExpenditureReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Gdp <= 0)
        {
            throw new ArgumentException("The GDP must be positive.", nameof(report));
        }

        var byCategory = ExpenditureCategories.All.ToDictionary(c => c, _ => 0m, StringComparer.Ordinal);
        var byForceGroup = ForceGroups.All.ToDictionary(g => g, _ => 0m, StringComparer.Ordinal);
        decimal total = 0m;
        foreach (string category in ExpenditureCategories.All)
        {
            foreach (string group in ForceGroups.All)
            {
                decimal amount = report.Amount(category, group);
                byCategory[category] += amount;
                byForceGroup[group] += amount;
                total += amount;
            }
        }

        decimal shareOfGdp = total / report.Gdp;
        decimal? equipmentShare = total == 0m
            ? null
            : ExpenditureCategories.Equipment.Sum(c => byCategory[c]) / total;

        return new ExpenditureFigures(
            byCategory,
            byForceGroup,
            total,
            shareOfGdp,
            equipmentShare,
            MeetsGdpGuideline: shareOfGdp >= ExpenditureGuidelines.GdpShare,
            MeetsEquipmentGuideline: equipmentShare >= ExpenditureGuidelines.EquipmentShare);
    }
}
