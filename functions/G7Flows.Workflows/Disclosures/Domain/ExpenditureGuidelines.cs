namespace G7Flows.Workflows.Disclosures.Domain;

/// <summary>NATO's spending guidelines that published expenditure is compared with (Wales 2014, kept until The Hague 2025 set 5 % by 2035).</summary>
public static class ExpenditureGuidelines
{
    /// <summary>Defence expenditure of at least 2 % of GDP.</summary>
    public const decimal GdpShare = 0.02m;

    /// <summary>At least 20 % of defence expenditure on major equipment, counted here as procurement and construction plus research and development.</summary>
    public const decimal EquipmentShare = 0.20m;
}
