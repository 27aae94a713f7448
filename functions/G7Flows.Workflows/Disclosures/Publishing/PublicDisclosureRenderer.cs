using System.Text;
using System.Text.Json;
using G7Flows.Workflows.Disclosures.Domain;

namespace G7Flows.Workflows.Disclosures.Publishing;

/// <summary>
/// Renders a published disclosure as the two public documents: JSON for machines and a self-contained HTML page for
/// people. In the page every string that came from a user (title, organisation names, comments) is HTML-encoded and
/// the body goes through <see cref="DisclosureMarkdown"/>; it has no script and loads nothing.
/// </summary>
public static class PublicDisclosureRenderer
{
    /// <summary>The disclosure as UTF-8 JSON (camelCase), with the computed figures of an expenditure report under <c>expenditure.figures</c>.</summary>
    public static byte[] Json(PublicDisclosure disclosure)
    {
        ArgumentNullException.ThrowIfNull(disclosure);
        var document = new DisclosureDocument(
            disclosure.Id,
            disclosure.Nation,
            disclosure.Kind,
            disclosure.Title,
            disclosure.BodyMarkdown,
            disclosure.Revision,
            PublicHtml.Utc(disclosure.SubmittedAt),
            PublicHtml.Utc(disclosure.PublishedAt),
            disclosure.Comments.Select(c => new CommentDocument(c.Id, c.Organisation, c.Text, PublicHtml.Utc(c.PostedAt))).ToList(),
            disclosure.Expenditure is { } report ? ExpenditureDocument.From(report) : null,
            disclosure.AuditHeadHash,
            PublicHtml.DisclosurePath(disclosure.Id));
        return JsonSerializer.SerializeToUtf8Bytes(document, Platform.Publishing.Json.Indented);
    }

    /// <summary>The disclosure as a complete HTML5 page.</summary>
    public static string Html(PublicDisclosure disclosure)
    {
        ArgumentNullException.ThrowIfNull(disclosure);
        string kind = PublicHtml.Kind(disclosure.Kind);
        StringBuilder html = PublicHtml.Begin($"{disclosure.Title} · {kind} · {disclosure.Nation}");
        html.Append("<header>\n<p class=\"meta\"><a href=\"/api/public/disclosures\">Published disclosures</a></p>\n")
            .Append("<h1>").Append(PublicHtml.Encode(disclosure.Title)).Append("</h1>\n<dl>\n");
        Term(html, "Nation", PublicHtml.Nation(disclosure.Nation));
        Term(html, "Kind", kind);
        Term(html, "Revision", disclosure.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture));
        TermTime(html, "Submitted", disclosure.SubmittedAt);
        TermTime(html, "Published", disclosure.PublishedAt);
        Term(html, "Reference", disclosure.Id);
        html.Append("</dl>\n</header>\n<main>\n<article>\n")
            .Append(DisclosureMarkdown.ToHtml(disclosure.BodyMarkdown))
            .Append("</article>\n");

        if (disclosure.Expenditure is { } report)
        {
            ExpenditureTable.Append(html, report);
        }

        AppendComments(html, disclosure.Comments);
        html.Append("</main>\n<footer>\n");
        if (!string.IsNullOrEmpty(disclosure.AuditHeadHash))
        {
            html.Append("<p class=\"meta\">Audit trail head at publication: <code>")
                .Append(PublicHtml.Encode(disclosure.AuditHeadHash)).Append("</code></p>\n");
        }

        html.Append("</footer>\n");
        return PublicHtml.End(html);
    }

    private static void AppendComments(StringBuilder html, IReadOnlyList<PublicComment> comments)
    {
        html.Append("<section>\n<h2>Public comments (").Append(comments.Count).Append(")</h2>\n");
        if (comments.Count == 0)
        {
            html.Append("<p>No comments were published.</p>\n</section>\n");
            return;
        }

        foreach (PublicComment comment in comments.OrderBy(c => c.PostedAt).ThenBy(c => c.Id, StringComparer.Ordinal))
        {
            html.Append("<div class=\"comment\">\n<strong>").Append(PublicHtml.Encode(comment.Organisation)).Append("</strong> ")
                .Append("<time class=\"meta\" datetime=\"").Append(PublicHtml.MachineTime(comment.PostedAt)).Append("\">")
                .Append(PublicHtml.Time(comment.PostedAt)).Append("</time>\n<p>")
                .Append(PublicHtml.Encode(comment.Text)).Append("</p>\n</div>\n");
        }

        html.Append("</section>\n");
    }

    private static void Term(StringBuilder html, string term, string value) =>
        html.Append("<dt>").Append(term).Append("</dt><dd>").Append(PublicHtml.Encode(value)).Append("</dd>\n");

    private static void TermTime(StringBuilder html, string term, DateTime at) =>
        html.Append("<dt>").Append(term).Append("</dt><dd><time datetime=\"").Append(PublicHtml.MachineTime(at)).Append("\">")
            .Append(PublicHtml.Time(at)).Append("</time></dd>\n");

    private sealed record DisclosureDocument(
        string Id,
        string Nation,
        string Kind,
        string Title,
        string BodyMarkdown,
        int Revision,
        DateTime SubmittedAt,
        DateTime PublishedAt,
        IReadOnlyList<CommentDocument> Comments,
        ExpenditureDocument? Expenditure,
        string? AuditHeadHash,
        string Url);

    private sealed record CommentDocument(string Id, string Organisation, string Text, DateTime PostedAt);

    private sealed record ExpenditureDocument(
        int Year,
        string Currency,
        decimal Gdp,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>> Amounts,
        FiguresDocument Figures)
    {
        public static ExpenditureDocument From(ExpenditureReport report)
        {
            ExpenditureFigures f = ExpenditureFigures.Compute(report);
            return new ExpenditureDocument(
                report.Year,
                report.Currency,
                report.Gdp,
                report.Amounts,
                new FiguresDocument(
                    f.ByCategory,
                    f.ByForceGroup,
                    f.Total,
                    f.ShareOfGdp,
                    f.EquipmentShare,
                    ExpenditureGuidelines.GdpShare,
                    ExpenditureGuidelines.EquipmentShare,
                    f.MeetsGdpGuideline,
                    f.MeetsEquipmentGuideline));
        }
    }

    private sealed record FiguresDocument(
        IReadOnlyDictionary<string, decimal> ByCategory,
        IReadOnlyDictionary<string, decimal> ByForceGroup,
        decimal Total,
        decimal ShareOfGdp,
        decimal? EquipmentShare,
        decimal GdpGuideline,
        decimal EquipmentGuideline,
        bool MeetsGdpGuideline,
        bool MeetsEquipmentGuideline);
}
