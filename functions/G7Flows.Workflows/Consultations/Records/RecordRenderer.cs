using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using G7Flows.Workflows.Platform.Publishing;

namespace G7Flows.Workflows.Consultations.Records;

/// <summary>Renders a consultation record as JSON and as a readable HTML page; every user-supplied string is HTML-encoded.</summary>
public static class RecordRenderer
{
    public static byte[] ToJson(ConsultationRecord record) => JsonSerializer.SerializeToUtf8Bytes(record, Json.Indented);

    public static string ToHtml(ConsultationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ConsultationView c = record.Consultation;
        HtmlEncoder e = HtmlEncoder.Default;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>Consultation record: ").Append(e.Encode(c.Title)).Append("</title>\n")
            .Append("<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}")
            .Append("table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccd;padding:.4rem;text-align:left;vertical-align:top}")
            .Append(".outcome{font-size:1.2rem;padding:.6rem;border-left:.4rem solid #1f6feb;background:#f2f6fc}</style>\n</head>\n<body>\n")
            .Append("<h1>").Append(e.Encode(c.Title)).Append("</h1>\n")
            .Append("<p class=\"outcome\"><strong>").Append(e.Encode(c.Status)).Append("</strong>");
        if (c.Outcome is { } outcome)
        {
            html.Append(": ").Append(e.Encode(outcome.Reason)).Append(" <small>(closed ").Append(Time(outcome.ClosedAt)).Append(")</small>");
        }

        html.Append("</p>\n<dl>\n");
        Term(html, "Consultation", c.Id);
        Term(html, "Kind", c.Kind);
        Term(html, "Decision rule", c.Threshold is { } t ? $"{c.Rule} (threshold {t.ToString("0.###", CultureInfo.InvariantCulture)}, {c.RequiredApprovals} approvals required)" : c.Rule);
        Term(html, "Proposed by", c.Proposer);
        Term(html, "Participants", string.Join(", ", c.Participants));
        Term(html, "Opened", $"{Time(c.CreatedAt)} by {c.CreatedBy}");
        Term(html, "Deadline", Time(c.Deadline) + (c.Extensions > 0 ? $" (extended {c.Extensions} time(s))" : string.Empty));
        html.Append("</dl>\n<h2>Proposal</h2>\n<p style=\"white-space:pre-wrap\">").Append(e.Encode(c.Summary)).Append("</p>\n");

        html.Append("<h2>Positions</h2>\n<table>\n<tr><th>Nation</th><th>Position</th><th>Answered by</th><th>When</th><th>Comment</th><th>Counted</th></tr>\n");
        foreach (PositionView p in c.Positions)
        {
            html.Append("<tr><td>").Append(e.Encode(p.Nation))
                .Append("</td><td>").Append(e.Encode(p.Position)).Append(p.Late ? " (late)" : string.Empty)
                .Append("</td><td>").Append(e.Encode(p.Respondent ?? "—"))
                .Append("</td><td>").Append(p.RespondedAt is { } at ? Time(at) : "—")
                .Append("</td><td>").Append(e.Encode(p.Comment ?? string.Empty))
                .Append("</td><td>").Append(p.Counted == true ? "yes" : "no")
                .Append("</td></tr>\n");
        }

        html.Append("</table>\n<h2>Timeline</h2>\n<ol>\n");
        foreach (TimelineEntry entry in record.Timeline)
        {
            html.Append("<li>").Append(Time(entry.At)).Append(" · ").Append(e.Encode(entry.Action))
                .Append(" · ").Append(e.Encode(entry.Actor));
            if (entry.Nation is not null)
            {
                html.Append(" · ").Append(e.Encode(entry.Nation));
            }

            if (entry.Detail is not null)
            {
                html.Append(": ").Append(e.Encode(entry.Detail));
            }

            html.Append("</li>\n");
        }

        html.Append("</ol>\n");
        if (record.AuditHeadHash is { } head)
        {
            html.Append("<p>Audit trail head (SHA-256): <code>").Append(e.Encode(head)).Append("</code></p>\n");
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void Term(StringBuilder html, string term, string value) =>
        html.Append("<dt>").Append(term).Append("</dt><dd>").Append(HtmlEncoder.Default.Encode(value)).Append("</dd>\n");

    private static string Time(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
