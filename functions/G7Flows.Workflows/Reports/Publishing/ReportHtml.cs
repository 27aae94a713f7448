using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using G7Flows.Workflows.Reports.Domain;

namespace G7Flows.Workflows.Reports.Publishing;

/// <summary>
/// The report as a page people read (<c>reports/{period}/report.html</c>): self-contained (no script, no external
/// resource: a Content-Security-Policy that allows nothing but inline style says so to the browser), headline figures,
/// a table per section and inline SVG charts whose every figure is also in a table. Every string is escaped.
/// </summary>
public static class ReportHtml
{
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    public static byte[] Serialize(PeriodReport report) => Encoding.UTF8.GetBytes(Render(report));

    public static string Render(PeriodReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var nations = report.Nations;
        var codes = nations.Select(n => n.Nation).ToList();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append(CultureInfo.InvariantCulture, $"<meta http-equiv=\"Content-Security-Policy\" content=\"{ContentSecurityPolicy}\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append(CultureInfo.InvariantCulture, $"<title>G7Flows report {E(report.Period)}</title>\n")
            .Append("<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}")
            .Append("table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:right}")
            .Append("th:first-child,td:first-child{text-align:left}caption{text-align:left;font-weight:bold;margin:.5rem 0}")
            .Append("figure{margin:1rem 0}svg{max-width:100%;height:auto}.muted{color:#666}</style>\n</head>\n<body>\n")
            .Append(CultureInfo.InvariantCulture, $"<h1>G7 military-diplomacy report: {E(report.Period)}</h1>\n")
            .Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">{E(Date(report.From))} to {E(Date(report.To.AddDays(-1)))} (UTC). Generated {E(report.GeneratedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))} UTC from {report.FactsRead} closed workflows. Schema version {report.SchemaVersion}.</p>\n");

        // Headlines
        html.Append("<section>\n<h2>Headline figures</h2>\n<table id=\"headlines\"><thead><tr><th>Figure</th><th>This period</th><th>Previous period</th><th>Change</th></tr></thead><tbody>\n");
        foreach (Headline h in report.Headlines)
        {
            // Shares (0–1) read better as percentages; the JSON keeps the fraction.
            bool share = h.Name.EndsWith("Share", StringComparison.Ordinal);
            if (share)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(h.Label)}</td><td>{Percent(h.Value)}</td><td>{Percent(h.Previous)}</td><td>{Signed(h.Change * 100)}{(h.Change is null ? string.Empty : " points")}</td></tr>\n");
            }
            else
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(h.Label)}</td><td>{N(h.Value)}</td><td>{N(h.Previous)}</td><td>{Signed(h.Change)}</td></tr>\n");
            }
        }

        html.Append("</tbody></table>\n</section>\n");

        // Consultations
        html.Append("<section>\n<h2>Consultations</h2>\n");
        var outcomeSeries = ReportCalculator.Outcomes.Select(o => new ChartSeries(o, [.. nations.Select(n => (double)n.Consultations.ByOutcome[o])])).ToList();
        Figure(html, SvgChart.StackedBars(
            "chart-outcomes",
            "Consultation outcomes per nation",
            "Stacked bars: for each nation, the consultations it took part in that closed in the period, by outcome. The figures are in the table below.",
            codes,
            outcomeSeries));
        html.Append("<table id=\"consultations\"><caption>Consultations per nation</caption><thead><tr><th>Nation</th><th>Held</th>");
        foreach (string o in ReportCalculator.Outcomes)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>{E(Capital(o))}</th>");
        }

        html.Append("<th>Exercises agreed</th><th>Arrangements agreed</th></tr></thead><tbody>\n");
        foreach (NationFigures n in nations.Append(report.Overall))
        {
            ConsultationFigures c = n.Consultations;
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(n.Nation)}</td><td>{c.Held}</td>");
            foreach (string o in ReportCalculator.Outcomes)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td>{c.ByOutcome[o]}</td>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<td>{c.ExercisesAgreed}</td><td>{c.ArrangementsAgreed}</td></tr>\n");
        }

        html.Append("</tbody></table>\n<table id=\"kinds\"><caption>Consultations by kind (all nations)</caption><thead><tr><th>Kind</th><th>Held</th></tr></thead><tbody>\n");
        foreach (var (kind, count) in report.Overall.Consultations.ByKind)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(kind)}</td><td>{count}</td></tr>\n");
        }

        html.Append("</tbody></table>\n<h3>Exercises and arrangements agreed</h3>\n");
        if (report.Agreed.Count == 0)
        {
            html.Append("<p class=\"muted\">None in this period.</p>\n");
        }
        else
        {
            html.Append("<table id=\"agreed\"><thead><tr><th>Title</th><th>Kind</th><th>Participants</th><th>Agreed</th></tr></thead><tbody>\n");
            foreach (AgreedItem a in report.Agreed)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(a.Title)}</td><td>{E(a.Kind)}</td><td>{E(string.Join(", ", a.Participants))}</td><td>{E(Date(a.ClosedAt))}</td></tr>\n");
            }

            html.Append("</tbody></table>\n");
        }

        html.Append("</section>\n");

        // Responses
        html.Append("<section>\n<h2>Answers</h2>\n");
        Figure(html, SvgChart.GroupedBars(
            "chart-answer-times",
            "Hours to answer per nation",
            "Bars: for each nation, the median and the 90th percentile of the hours from a consultation's start to its answer, for answers on time. The figures are in the table below.",
            codes,
            [
                new ChartSeries("median", [.. nations.Select(n => n.Responses.MedianHoursToAnswer ?? 0)]),
                new ChartSeries("90th percentile", [.. nations.Select(n => n.Responses.P90HoursToAnswer ?? 0)]),
            ]));
        html.Append("<table id=\"responses\"><caption>Answers per nation</caption><thead><tr><th>Nation</th><th>Asked</th><th>On time</th><th>Refused as late</th><th>Silent</th><th>Share on time</th><th>Median hours</th><th>90th percentile hours</th></tr></thead><tbody>\n");
        foreach (NationFigures n in nations.Append(report.Overall))
        {
            ResponseFigures r = n.Responses;
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(n.Nation)}</td><td>{r.Asked}</td><td>{r.OnTime}</td><td>{r.Late}</td><td>{r.Silent}</td><td>{Percent(r.OnTimeShare)}</td><td>{N(r.MedianHoursToAnswer)}</td><td>{N(r.P90HoursToAnswer)}</td></tr>\n");
        }

        html.Append("</tbody></table>\n</section>\n");

        // Disclosures
        html.Append("<section>\n<h2>Transparency disclosures</h2>\n");
        Figure(html, SvgChart.GroupedBars(
            "chart-lead-times",
            "Days from submission to publication per nation",
            "Bars: for each nation, the median days from a disclosure's submission to its publication, for disclosures published in the period. The figures are in the table below.",
            codes,
            [new ChartSeries("median days", [.. nations.Select(n => n.Disclosures.MedianDaysToPublish ?? 0)])]));
        html.Append("<table id=\"disclosures\"><caption>Disclosures per nation</caption><thead><tr><th>Nation</th><th>Ended</th><th>Published</th><th>Rejected</th><th>Withdrawn</th><th>Median days to publish</th><th>Revisions per disclosure</th><th>Comments received</th><th>Comments published</th></tr></thead><tbody>\n");
        foreach (NationFigures n in nations.Append(report.Overall))
        {
            DisclosureFigures d = n.Disclosures;
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(n.Nation)}</td><td>{d.Closed}</td><td>{d.Published}</td><td>{d.Rejected}</td><td>{d.Withdrawn}</td><td>{N(d.MedianDaysToPublish)}</td><td>{N(d.RevisionsPerDisclosure)}</td><td>{d.CommentsReceived}</td><td>{d.CommentsPublished}</td></tr>\n");
        }

        html.Append("</tbody></table>\n</section>\n");

        // Expenditure
        html.Append("<section>\n<h2>Defence expenditure</h2>\n");
        var spenders = nations.Where(n => n.Expenditure is not null).ToList();
        if (spenders.Count == 0)
        {
            html.Append("<p class=\"muted\">No military-expenditure disclosure was published in this period.</p>\n");
        }
        else
        {
            Figure(html, SvgChart.GroupedBars(
                "chart-expenditure",
                "Defence expenditure as a share of GDP",
                "Bars: for each nation with a military-expenditure disclosure published in the period, its defence expenditure in per cent of GDP; a dashed line marks the 2 % guideline. The figures are in the table below.",
                [.. spenders.Select(n => n.Nation)],
                [new ChartSeries("% of GDP", [.. spenders.Select(n => n.Expenditure!.GdpSharePercent)])],
                new ReferenceLine(2, "2 % guideline")));
            html.Append("<table id=\"expenditure\"><caption>Expenditure against the guidelines (2 % of GDP, 20 % on major equipment)</caption><thead><tr><th>Nation</th><th>Disclosure</th><th>% of GDP</th><th>Meets 2 %</th><th>% on equipment</th><th>Meets 20 %</th></tr></thead><tbody>\n");
            foreach (NationFigures n in spenders)
            {
                ExpenditureShare e = n.Expenditure!;
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(n.Nation)}</td><td>{E(e.Title)}</td><td>{N(e.GdpSharePercent)}</td><td>{(e.MeetsGdpGuideline ? "yes" : "no")}</td><td>{N(e.EquipmentSharePercent)}</td><td>{e.MeetsEquipmentGuideline switch { true => "yes", false => "no", null => "–" }}</td></tr>\n");
            }

            html.Append("</tbody></table>\n");
        }

        html.Append("</section>\n<footer class=\"muted\"><p>Figures count the workflows that ended in the period: a consultation when it closed, a disclosure when it was published, rejected or withdrawn. The same figures are published as JSON and CSV.</p></footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Figure(StringBuilder html, string svg) => html.Append("<figure>").Append(svg).Append("</figure>\n");

    private static string E(string text) => Encoder.Encode(text);

    private static string Date(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string N(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "–";

    private static string Signed(double? value) => value switch
    {
        null => "–",
        > 0 => "+" + value.Value.ToString("0.###", CultureInfo.InvariantCulture),
        _ => value.Value.ToString("0.###", CultureInfo.InvariantCulture),
    };

    private static string Percent(double? share) => share is null ? "–" : (share.Value * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";
}
