using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Disclosures.Publishing;
using G7Flows.Workflows.Tests.Disclosures.Builders;

namespace G7Flows.Workflows.Tests.Disclosures.Publishing;

public sealed partial class PublicDisclosureRendererTests
{
    private static readonly string[] Fields = ["title", "nation", "kind", "id", "organisation", "comment", "hash"];

    /// <summary>A hostile value per user-supplied field, each distinct so that a missed field shows by name.</summary>
    private static string Hostile(string field) => $"<script>alert('{field}')</script>\"'&<>";

    /// <summary>The same value, HTML-encoded.</summary>
    private static string Encoded(string field) => $"&lt;script&gt;alert(&#x27;{field}&#x27;)&lt;/script&gt;&quot;&#x27;&amp;&lt;&gt;";

    private static PublicDisclosure HostileDisclosure() => new PublicDisclosureBuilder()
        .With(d => d with
        {
            Title = Hostile("title"),
            Nation = Hostile("nation"),
            Kind = Hostile("kind"),
            Id = Hostile("id"),
            BodyMarkdown = "<script>alert('body')</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))",
            Comments = [new PublicComment(Hostile("comment-id"), Hostile("organisation"), Hostile("comment"), PublicDisclosureBuilder.Published.AddDays(-5))],
            AuditHeadHash = Hostile("hash"),
        })
        .Build();

    [Fact]
    public void Every_user_supplied_string_is_html_encoded_and_no_script_survives()
    {
        // Act
        string html = PublicDisclosureRenderer.Html(HostileDisclosure());

        // Assert
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:alert(1)\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\"'&<>", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(EventHandlerAttribute(), html);
        Assert.All(Fields, field =>
        {
            Assert.DoesNotContain(Hostile(field), html, StringComparison.Ordinal);
            Assert.Contains(Encoded(field), html, StringComparison.Ordinal);
        });
        Assert.Contains("&lt;script&gt;alert('body')&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_title_is_encoded_in_the_page_title_and_the_heading()
    {
        // Act
        string html = PublicDisclosureRenderer.Html(HostileDisclosure());

        // Assert
        Assert.Contains($"<title>{Encoded("title")} · ", html, StringComparison.Ordinal);
        Assert.Contains($"<h1>{Encoded("title")}</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_is_a_complete_html5_document_that_loads_nothing_and_runs_nothing()
    {
        // Act
        string html = PublicDisclosureRenderer.Html(new PublicDisclosureBuilder().WithExpenditure(PublicDisclosureBuilder.SmallReport()).Build());

        // Assert
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", html, StringComparison.Ordinal);
        Assert.Contains("<title>Defence policy review 2026 · Military expenditure · FR</title>", html, StringComparison.Ordinal);
        Assert.EndsWith("</body>\n</html>\n", html, StringComparison.Ordinal);
        Assert.Equal(1, Count(html, "<style>"));
        foreach (string forbidden in new[] { "<script", "<link", "<img", "<iframe", "src=", "url(", "@import", "http:", "https:", " style=" })
        {
            Assert.DoesNotContain(forbidden, html, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotMatch(EventHandlerAttribute(), html);
    }

    [Fact]
    public void The_page_shows_the_metadata_the_rendered_body_and_the_published_comments()
    {
        // Act
        string html = PublicDisclosureRenderer.Html(new PublicDisclosureBuilder().Build());

        // Assert
        Assert.Contains("<dt>Nation</dt><dd>France (FR)</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Kind</dt><dd>Defence policy</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Revision</dt><dd>2</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Published</dt><dd><time datetime=\"2026-03-20T12:30:00Z\">2026-03-20 12:30:00 UTC</time></dd>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Summary</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>three</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Public comments (1)</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>Citizens for Transparency</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<p>We welcome the review.&#xA;Please publish annexes.</p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Audit trail head", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Comments_are_listed_oldest_first_and_an_empty_list_is_said_so()
    {
        // Arrange
        DateTime at = PublicDisclosureBuilder.Published;
        PublicDisclosure two = new PublicDisclosureBuilder()
            .With(d => d with { Comments = [new PublicComment("b", "Later Org", "second", at.AddDays(-1)), new PublicComment("a", "Earlier Org", "first", at.AddDays(-2))] })
            .Build();
        PublicDisclosure none = new PublicDisclosureBuilder().With(d => d with { Comments = [] }).Build();

        // Act
        string twoHtml = PublicDisclosureRenderer.Html(two);
        string noneHtml = PublicDisclosureRenderer.Html(none);

        // Assert
        Assert.True(twoHtml.IndexOf("Earlier Org", StringComparison.Ordinal) < twoHtml.IndexOf("Later Org", StringComparison.Ordinal));
        Assert.Contains("<h2>Public comments (0)</h2>\n<p>No comments were published.</p>", noneHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void The_audit_head_hash_is_shown_when_given()
    {
        // Act
        string html = PublicDisclosureRenderer.Html(new PublicDisclosureBuilder().With(d => d with { AuditHeadHash = "9f86d081884c7d65" }).Build());

        // Assert
        Assert.Contains("Audit trail head at publication: <code>9f86d081884c7d65</code>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expenditure_report_is_shown_as_a_table_with_totals_and_the_guidelines()
    {
        // Act
        string html = PublicDisclosureRenderer.Html(new PublicDisclosureBuilder().WithExpenditure(PublicDisclosureBuilder.SmallReport()).Build());

        // Assert
        Assert.Contains("<h2>Military expenditure 2025</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<thead><tr><th scope=\"col\">Cost category</th><th scope=\"col\" class=\"n\">Strategic</th><th scope=\"col\" class=\"n\">Land</th><th scope=\"col\" class=\"n\">Naval</th><th scope=\"col\" class=\"n\">Air</th><th scope=\"col\" class=\"n\">Other</th><th scope=\"col\" class=\"n\">Total</th></tr></thead>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th scope=\"row\">Personnel</th><td class=\"n\">0</td><td class=\"n\">10</td><td class=\"n\">0</td><td class=\"n\">5</td><td class=\"n\">0</td><td class=\"n t\">15</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th scope=\"row\">Research and development</th><td class=\"n\">0.5</td><td class=\"n\">0</td><td class=\"n\">0</td><td class=\"n\">0</td><td class=\"n\">0</td><td class=\"n t\">0.5</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tfoot><tr><th scope=\"row\">Total</th><td class=\"n\">0.5</td><td class=\"n\">13</td><td class=\"n\">1.5</td><td class=\"n\">5</td><td class=\"n\">0</td><td class=\"n\">20</td></tr></tfoot>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th scope=\"row\">Share of GDP</th><td class=\"n\">2.00 %</td><td class=\"n\">at least 2 %</td><td><span class=\"meets\">meets</span></td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"n\">10.00 %</td><td class=\"n\">at least 20 %</td><td><span class=\"below\">below</span></td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("Gross domestic product: 1,000 EUR.", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_share_just_under_a_guideline_is_never_shown_rounded_up_to_it()
    {
        // Arrange: 19.9999 of 1,000 is 1.99999 %.
        ExpenditureReport report = PublicDisclosureBuilder.Report(1000m, (ExpenditureCategories.ProcurementAndConstruction, ForceGroups.Air, 19.9999m));

        // Act
        string html = PublicDisclosureRenderer.Html(new PublicDisclosureBuilder().WithExpenditure(report).Build());

        // Assert
        Assert.Contains("<td class=\"n\">1.99 %</td><td class=\"n\">at least 2 %</td><td><span class=\"below\">below</span>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"n\">100.00 %</td><td class=\"n\">at least 20 %</td><td><span class=\"meets\">meets</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_with_nothing_spent_says_there_is_no_equipment_share()
    {
        // Act
        string html = PublicDisclosureRenderer.Html(new PublicDisclosureBuilder().WithExpenditure(PublicDisclosureBuilder.Report(2_900_000_000_000m)).Build());

        // Assert
        Assert.Contains("<td class=\"n\">0.00 %</td><td class=\"n\">at least 2 %</td><td><span class=\"below\">below</span>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"n\">none (no expenditure reported)</td><td class=\"n\">at least 20 %</td><td><span class=\"below\">below</span>", html, StringComparison.Ordinal);
        Assert.Contains("Gross domestic product: 2,900,000,000,000 EUR.", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disclosure_without_expenditure_has_no_expenditure_section()
    {
        // Act
        string html = PublicDisclosureRenderer.Html(new PublicDisclosureBuilder().Build());

        // Assert
        Assert.DoesNotContain("Military expenditure", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_document_is_camel_case_with_utc_times_and_the_computed_figures()
    {
        // Arrange
        PublicDisclosure disclosure = new PublicDisclosureBuilder()
            .WithExpenditure(PublicDisclosureBuilder.SmallReport())
            .With(d => d with { AuditHeadHash = "abc123" })
            .Build();

        // Act
        using JsonDocument json = JsonDocument.Parse(PublicDisclosureRenderer.Json(disclosure));

        // Assert
        JsonElement root = json.RootElement;
        Assert.Equal("d-2026-0001", root.GetProperty("id").GetString());
        Assert.Equal("FR", root.GetProperty("nation").GetString());
        Assert.Equal("military-expenditure", root.GetProperty("kind").GetString());
        Assert.Equal(2, root.GetProperty("revision").GetInt32());
        Assert.Equal("2026-03-20T12:30:00Z", root.GetProperty("publishedAt").GetString());
        Assert.Equal("2026-03-02T09:00:00Z", root.GetProperty("submittedAt").GetString());
        Assert.StartsWith("# Summary", root.GetProperty("bodyMarkdown").GetString(), StringComparison.Ordinal);
        Assert.Equal("/api/public/disclosures/d-2026-0001", root.GetProperty("url").GetString());
        Assert.Equal("abc123", root.GetProperty("auditHeadHash").GetString());
        JsonElement comment = Assert.Single(root.GetProperty("comments").EnumerateArray());
        Assert.Equal("Citizens for Transparency", comment.GetProperty("organisation").GetString());
        Assert.Equal("2026-03-10T08:00:00Z", comment.GetProperty("postedAt").GetString());

        JsonElement expenditure = root.GetProperty("expenditure");
        Assert.Equal(2025, expenditure.GetProperty("year").GetInt32());
        Assert.Equal("EUR", expenditure.GetProperty("currency").GetString());
        Assert.Equal(10m, expenditure.GetProperty("amounts").GetProperty("personnel").GetProperty("land").GetDecimal());
        JsonElement figures = expenditure.GetProperty("figures");
        Assert.Equal(20m, figures.GetProperty("total").GetDecimal());
        Assert.Equal(15m, figures.GetProperty("byCategory").GetProperty("personnel").GetDecimal());
        Assert.Equal(13m, figures.GetProperty("byForceGroup").GetProperty("land").GetDecimal());
        Assert.Equal(0.02m, figures.GetProperty("shareOfGdp").GetDecimal());
        Assert.Equal(0.1m, figures.GetProperty("equipmentShare").GetDecimal());
        Assert.Equal(0.02m, figures.GetProperty("gdpGuideline").GetDecimal());
        Assert.Equal(0.2m, figures.GetProperty("equipmentGuideline").GetDecimal());
        Assert.True(figures.GetProperty("meetsGdpGuideline").GetBoolean());
        Assert.False(figures.GetProperty("meetsEquipmentGuideline").GetBoolean());
    }

    [Fact]
    public void Json_amounts_are_written_exactly()
    {
        // Arrange
        ExpenditureReport report = PublicDisclosureBuilder.Report(
            1000m,
            (ExpenditureCategories.Personnel, ForceGroups.Land, 0.1m),
            (ExpenditureCategories.Personnel, ForceGroups.Air, 0.2m));

        // Act
        string json = Encoding.UTF8.GetString(PublicDisclosureRenderer.Json(new PublicDisclosureBuilder().WithExpenditure(report).Build()));

        // Assert
        Assert.Contains("\"total\": 0.3,", json, StringComparison.Ordinal);
        Assert.Contains("\"shareOfGdp\": 0.0003,", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_without_expenditure_has_null_and_a_zero_total_has_a_null_equipment_share()
    {
        // Act
        using JsonDocument plain = JsonDocument.Parse(PublicDisclosureRenderer.Json(new PublicDisclosureBuilder().Build()));
        using JsonDocument zero = JsonDocument.Parse(PublicDisclosureRenderer.Json(
            new PublicDisclosureBuilder().WithExpenditure(PublicDisclosureBuilder.Report(1000m)).Build()));

        // Assert
        Assert.Equal(JsonValueKind.Null, plain.RootElement.GetProperty("expenditure").ValueKind);
        Assert.Equal(JsonValueKind.Null, plain.RootElement.GetProperty("auditHeadHash").ValueKind);
        Assert.Equal(JsonValueKind.Null, zero.RootElement.GetProperty("expenditure").GetProperty("figures").GetProperty("equipmentShare").ValueKind);
    }

    [Fact]
    public void Json_escapes_markup_so_the_document_is_inert_if_read_as_html()
    {
        // Act
        byte[] bytes = PublicDisclosureRenderer.Json(HostileDisclosure());
        using JsonDocument json = JsonDocument.Parse(bytes);

        // Assert
        Assert.DoesNotContain("<", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal(Hostile("title"), json.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public void Unspecified_times_are_taken_as_utc_and_local_times_converted()
    {
        // Arrange
        var unspecified = new DateTime(2026, 3, 20, 12, 30, 0, DateTimeKind.Unspecified);

        // Act
        using JsonDocument json = JsonDocument.Parse(PublicDisclosureRenderer.Json(new PublicDisclosureBuilder().With(d => d with { PublishedAt = unspecified }).Build()));

        // Assert
        Assert.Equal("2026-03-20T12:30:00Z", json.RootElement.GetProperty("publishedAt").GetString());
    }

    private static int Count(string text, string part) => text.Split(part).Length - 1;

    [GeneratedRegex(@"<[^>]*\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();
}
