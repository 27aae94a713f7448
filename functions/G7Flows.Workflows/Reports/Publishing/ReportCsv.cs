using System.Globalization;
using System.Text;
using CsvHelper;
using G7Flows.Workflows.Reports.Domain;

namespace G7Flows.Workflows.Reports.Publishing;

/// <summary>One figure of the CSV: a row per nation and metric.</summary>
public sealed record ReportCsvRow(string Period, string Nation, string Section, string Metric, string Value);

/// <summary>
/// The report as RFC 4180 CSV (<c>reports/{period}/report.csv</c>): a header, then one row per nation and metric
/// (nation <c>ALL</c> for the overall figures and the headlines), numbers in invariant culture, empty for unknown.
/// </summary>
public static class ReportCsv
{
    public static IReadOnlyList<string> Header { get; } = ["period", "nation", "section", "metric", "value"];

    public static byte[] Serialize(PeriodReport report)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (CsvWriter csv = CsvWriter.Create(text, new CsvWriterOptions { NewLine = "\r\n", FormatProvider = CultureInfo.InvariantCulture }, leaveOpen: true))
        {
            csv.WriteRecord([.. Header]);
            foreach (ReportCsvRow row in Rows(report))
            {
                csv.WriteRecord([row.Period, row.Nation, row.Section, row.Metric, row.Value]);
            }
        }

        // A byte order mark, so that a spreadsheet opens the file as UTF-8 as it is.
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static IEnumerable<ReportCsvRow> Rows(PeriodReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (Headline h in report.Headlines)
        {
            yield return new(report.Period, PeriodReport.AllNations, "headline", h.Name, Number(h.Value));
            yield return new(report.Period, PeriodReport.AllNations, "headline", h.Name + ".previous", Number(h.Previous));
            yield return new(report.Period, PeriodReport.AllNations, "headline", h.Name + ".change", Number(h.Change));
        }

        foreach (NationFigures n in report.Nations.Prepend(report.Overall))
        {
            foreach (var (section, metric, value) in Figures(n))
            {
                yield return new(report.Period, n.Nation, section, metric, value);
            }
        }
    }

    private static IEnumerable<(string Section, string Metric, string Value)> Figures(NationFigures n)
    {
        ConsultationFigures c = n.Consultations;
        yield return ("consultations", "held", Number(c.Held));
        foreach (var (kind, count) in c.ByKind)
        {
            yield return ("consultations", "kind." + kind, Number(count));
        }

        foreach (var (outcome, count) in c.ByOutcome)
        {
            yield return ("consultations", "outcome." + outcome, Number(count));
        }

        yield return ("consultations", "exercisesAgreed", Number(c.ExercisesAgreed));
        yield return ("consultations", "arrangementsAgreed", Number(c.ArrangementsAgreed));

        ResponseFigures r = n.Responses;
        yield return ("responses", "asked", Number(r.Asked));
        yield return ("responses", "onTime", Number(r.OnTime));
        yield return ("responses", "late", Number(r.Late));
        yield return ("responses", "silent", Number(r.Silent));
        yield return ("responses", "onTimeShare", Number(r.OnTimeShare));
        yield return ("responses", "medianHoursToAnswer", Number(r.MedianHoursToAnswer));
        yield return ("responses", "p90HoursToAnswer", Number(r.P90HoursToAnswer));

        DisclosureFigures d = n.Disclosures;
        yield return ("disclosures", "closed", Number(d.Closed));
        yield return ("disclosures", "published", Number(d.Published));
        yield return ("disclosures", "rejected", Number(d.Rejected));
        yield return ("disclosures", "withdrawn", Number(d.Withdrawn));
        yield return ("disclosures", "medianDaysToPublish", Number(d.MedianDaysToPublish));
        yield return ("disclosures", "revisionsPerDisclosure", Number(d.RevisionsPerDisclosure));
        yield return ("disclosures", "commentsReceived", Number(d.CommentsReceived));
        yield return ("disclosures", "commentsPublished", Number(d.CommentsPublished));

        if (n.Expenditure is { } e)
        {
            yield return ("expenditure", "gdpSharePercent", Number(e.GdpSharePercent));
            yield return ("expenditure", "equipmentSharePercent", Number(e.EquipmentSharePercent));
            yield return ("expenditure", "meetsGdpGuideline", e.MeetsGdpGuideline ? "true" : "false");
            yield return ("expenditure", "meetsEquipmentGuideline", e.MeetsEquipmentGuideline switch { true => "true", false => "false", null => string.Empty });
        }
    }

    private static string Number(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? string.Empty;
}
