using System.Globalization;
using System.Text;
using G7Flows.Workflows.Disclosures.Domain;

namespace G7Flows.Workflows.Disclosures.Publishing;

/// <summary>The expenditure section of a public page: the category × force group table with totals, and the shares
/// against NATO's guidelines, each said to meet or fall below it.</summary>
internal static class ExpenditureTable
{
    private static readonly Dictionary<string, string> CategoryLabels = new(StringComparer.Ordinal)
    {
        [ExpenditureCategories.Personnel] = "Personnel",
        [ExpenditureCategories.OperationsAndMaintenance] = "Operations and maintenance",
        [ExpenditureCategories.ProcurementAndConstruction] = "Procurement and construction",
        [ExpenditureCategories.ResearchAndDevelopment] = "Research and development",
    };

    private static readonly Dictionary<string, string> ForceGroupLabels = new(StringComparer.Ordinal)
    {
        [ForceGroups.Strategic] = "Strategic",
        [ForceGroups.Land] = "Land",
        [ForceGroups.Naval] = "Naval",
        [ForceGroups.Air] = "Air",
        [ForceGroups.Other] = "Other",
    };

    public static void Append(StringBuilder html, ExpenditureReport report)
    {
        ExpenditureFigures figures = ExpenditureFigures.Compute(report);
        string currency = PublicHtml.Encode(report.Currency);
        html.Append("<section>\n<h2>Military expenditure ").Append(report.Year.ToString(CultureInfo.InvariantCulture)).Append("</h2>\n")
            .Append("<p class=\"meta\">In ").Append(currency).Append(" at current prices, after the UN Report on Military Expenditures. ")
            .Append("Gross domestic product: ").Append(PublicHtml.Amount(report.Gdp)).Append(' ').Append(currency).Append(".</p>\n");

        html.Append("<table>\n<caption>Expenditure by cost category and force group (").Append(currency).Append(")</caption>\n")
            .Append("<thead><tr><th scope=\"col\">Cost category</th>");
        foreach (string group in ForceGroups.All)
        {
            html.Append("<th scope=\"col\" class=\"n\">").Append(ForceGroupLabels[group]).Append("</th>");
        }

        html.Append("<th scope=\"col\" class=\"n\">Total</th></tr></thead>\n<tbody>\n");
        foreach (string category in ExpenditureCategories.All)
        {
            html.Append("<tr><th scope=\"row\">").Append(CategoryLabels[category]).Append("</th>");
            foreach (string group in ForceGroups.All)
            {
                Cell(html, report.Amount(category, group), "n");
            }

            Cell(html, figures.ByCategory[category], "n t");
            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n<tfoot><tr><th scope=\"row\">Total</th>");
        foreach (string group in ForceGroups.All)
        {
            Cell(html, figures.ByForceGroup[group], "n");
        }

        Cell(html, figures.Total, "n");
        html.Append("</tr></tfoot>\n</table>\n");

        html.Append("<table>\n<caption>Against NATO's guidelines</caption>\n")
            .Append("<thead><tr><th scope=\"col\">Measure</th><th scope=\"col\" class=\"n\">Share</th>")
            .Append("<th scope=\"col\" class=\"n\">NATO guideline</th><th scope=\"col\">Assessment</th></tr></thead>\n<tbody>\n");
        Guideline(html, "Share of GDP", PublicHtml.Percent(figures.ShareOfGdp), ExpenditureGuidelines.GdpShare, figures.MeetsGdpGuideline);
        Guideline(
            html,
            "Equipment share (procurement and construction, research and development)",
            figures.EquipmentShare is { } share ? PublicHtml.Percent(share) : "none (no expenditure reported)",
            ExpenditureGuidelines.EquipmentShare,
            figures.MeetsEquipmentGuideline);
        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Cell(StringBuilder html, decimal amount, string classes) =>
        html.Append("<td class=\"").Append(classes).Append("\">").Append(PublicHtml.Amount(amount)).Append("</td>");

    private static void Guideline(StringBuilder html, string measure, string value, decimal guideline, bool meets)
    {
        string verdict = meets ? "meets" : "below";
        html.Append("<tr><th scope=\"row\">").Append(measure).Append("</th><td class=\"n\">").Append(value)
            .Append("</td><td class=\"n\">at least ").Append((guideline * 100m).ToString("0.##", CultureInfo.InvariantCulture))
            .Append(" %</td><td><span class=\"").Append(verdict).Append("\">").Append(verdict).Append("</span></td></tr>\n");
    }
}
