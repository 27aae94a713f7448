using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using G7Flows.Workflows.Reports.Domain;
using G7Flows.Workflows.Reports.Facts;
using G7Flows.Workflows.Reports.Publishing;
using static G7Flows.Workflows.Tests.Reports.FactBuilder;

namespace G7Flows.Workflows.Tests.Reports.Publishing;

/// <summary>
/// The HTML report is self-contained and inert without a browser to prove it: no script, no external address, every
/// chart with a title and a text alternative, every chart figure also in a table, every string escaped.
/// </summary>
public sealed partial class ReportHtmlTests
{
    private const string Hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>&\"";

    private static PeriodReport Report(string title = "Joint exercise NORTHERN SHIELD") => ReportCalculator.Compute(
        ReportPeriod.Month(2026, 11),
        new PeriodFacts(
            [
                Consultation("c1", "joint-exercise", "Adopted", "FR:approve:1.5h", "DE:approve:2h", "IT:late") with { Title = title },
                Consultation("c2", "mutual-defence", "Rejected", "FR:object:4h", "DE:silent", "JP:abstain:30h"),
                Consultation("c3", "information-sharing", "Expired", "GB:silent", "US:approve:12h"),
            ],
            [
                Disclosure("d1", "US", DisclosureOutcomes.Published, submittedToPublishedDays: 12, kind: DisclosureOutcomes.MilitaryExpenditureKind, gdp: 3.4, equipment: 28) with { Title = title },
                Disclosure("d2", "DE", DisclosureOutcomes.Published, submittedToPublishedDays: 20, kind: DisclosureOutcomes.MilitaryExpenditureKind, gdp: 1.9, equipment: 19),
            ]),
        null,
        new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero));

    [Fact]
    public void The_page_loads_nothing_and_runs_nothing()
    {
        // Act
        string html = ReportHtml.Render(Report());

        // Assert
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(OnHandler(), html);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);

        // The only address is the SVG namespace, which names and loads nothing.
        Assert.Equal(["http://www.w3.org/2000/svg"], Addresses().Matches(html).Select(m => m.Value).Distinct());
        Assert.Contains($"<meta http-equiv=\"Content-Security-Policy\" content=\"{ReportHtml.ContentSecurityPolicy}\">", html, StringComparison.Ordinal);
        Assert.StartsWith("default-src 'none'", ReportHtml.ContentSecurityPolicy, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_chart_has_a_title_and_a_text_alternative()
    {
        // Act
        var charts = Charts(ReportHtml.Render(Report()));

        // Assert: outcomes, answer times, lead times and expenditure.
        Assert.Equal(["chart-outcomes", "chart-answer-times", "chart-lead-times", "chart-expenditure"], charts.Select(c => (string?)c.Attribute("id")));
        Assert.All(charts, c =>
        {
            XNamespace svg = "http://www.w3.org/2000/svg";
            Assert.False(string.IsNullOrWhiteSpace(c.Element(svg + "title")?.Value));
            Assert.True(c.Element(svg + "desc")?.Value.Length > 40);
            Assert.Equal("img", (string?)c.Attribute("role"));
        });
    }

    [Fact]
    public void Every_figure_in_a_chart_is_also_in_a_table()
    {
        // Arrange
        string html = ReportHtml.Render(Report());
        var tables = Tables(html);

        // Act: each bar's category (a nation) and value.
        var bars = Charts(html).SelectMany(c => c.Descendants().Where(e => (string?)e.Attribute("class") == "bar")
            .Select(b => ((string)c.Attribute("id")!, (string)b.Attribute("data-category")!, double.Parse((string)b.Attribute("data-value")!, CultureInfo.InvariantCulture))))
            .ToList();

        // Assert: the nation's row of the chart's table holds the value.
        var tableOf = new Dictionary<string, string>
        {
            ["chart-outcomes"] = "consultations",
            ["chart-answer-times"] = "responses",
            ["chart-lead-times"] = "disclosures",
            ["chart-expenditure"] = "expenditure",
        };
        Assert.NotEmpty(bars);
        Assert.All(bars, bar =>
        {
            var (chart, nation, value) = bar;
            List<string> row = tables[tableOf[chart]].Single(r => r[0] == nation);
            string expected = value.ToString("0.###", CultureInfo.InvariantCulture);

            // A bar drawn at 0 for an unknown time stands for the table's dash.
            Assert.True(row.Contains(expected) || (value == 0 && row.Contains("–")), $"{chart}: {nation} {expected} is not in its table row [{string.Join(", ", row)}].");
        });
    }

    [Fact]
    public void Titles_and_every_other_string_are_escaped()
    {
        // Act
        string html = ReportHtml.Render(Report(Hostile));

        // Assert
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&amp;&quot;", html, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(html, "&lt;script&gt;"));
    }

    [Fact]
    public void An_empty_period_still_renders_every_section_and_says_there_was_no_expenditure()
    {
        // Act
        string html = ReportHtml.Render(ReportCalculator.Compute(ReportPeriod.Quarter(2026, 4), PeriodFacts.Empty, null, DateTimeOffset.UnixEpoch));

        // Assert
        Assert.Contains("<h1>G7 military-diplomacy report: 2026-Q4</h1>", html, StringComparison.Ordinal);
        Assert.Equal(3, Charts(html).Count);
        Assert.Contains("No military-expenditure disclosure was published in this period.", html, StringComparison.Ordinal);
        Assert.Contains("None in this period.", html, StringComparison.Ordinal);
    }

    /// <summary>Every inline SVG, parsed as XML (so an unescaped string would fail here too).</summary>
    private static List<XElement> Charts(string html) =>
        [.. SvgBlocks().Matches(html).Select(m => XElement.Parse(m.Value))];

    /// <summary>The tables by id, each as rows of cell texts (entities decoded).</summary>
    private static Dictionary<string, List<List<string>>> Tables(string html) =>
        TableBlocks().Matches(html).ToDictionary(
            m => m.Groups["id"].Value,
            m => Rows().Matches(m.Value)
                .Select(r => Cells().Matches(r.Value).Select(c => System.Net.WebUtility.HtmlDecode(c.Groups["text"].Value)).ToList())
                .Where(r => r.Count > 0)
                .ToList());

    [GeneratedRegex("<svg\\b.*?</svg>", RegexOptions.Singleline)]
    private static partial Regex SvgBlocks();

    [GeneratedRegex("<table id=\"(?<id>[a-z-]+)\">.*?</table>", RegexOptions.Singleline)]
    private static partial Regex TableBlocks();

    [GeneratedRegex("<tr>.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex Rows();

    [GeneratedRegex("<td>(?<text>.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex Cells();

    [GeneratedRegex("https?://[^\"' )<>]+", RegexOptions.IgnoreCase)]
    private static partial Regex Addresses();

    [GeneratedRegex("\\son[a-z]+\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex OnHandler();
}
