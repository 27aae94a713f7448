using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace G7Flows.Workflows.Disclosures.Publishing;

/// <summary>
/// What the public pages share: encoding, the page frame, labels and number and time formats. A page is
/// self-contained (one inline style sheet, no script, nothing loaded from elsewhere), so it renders under
/// <c>Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'</c>.
/// </summary>
internal static class PublicHtml
{
    /// <summary>The content security policy the public pages are written for.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";

    /// <summary>Encodes the characters that are markup in text and in quoted attributes (&lt; &gt; &amp; " ') and keeps other letters as they are.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private const string Style =
        "body{font-family:system-ui,sans-serif;max-width:62rem;margin:2rem auto;padding:0 1rem;color:#1b1f24;line-height:1.5}" +
        "table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccd;padding:.35rem .6rem;vertical-align:top}" +
        "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}tfoot td,tfoot th,td.t{font-weight:600}" +
        ".meta{color:#57606a}.meets{color:#1a7f37;font-weight:600}.below{color:#b35900;font-weight:600}" +
        ".comment{border-left:.3rem solid #d0d7de;padding:.2rem .8rem;margin:.8rem 0}.comment p{white-space:pre-wrap;margin:.3rem 0}" +
        "code{overflow-wrap:anywhere}article{border-top:1px solid #d0d7de;border-bottom:1px solid #d0d7de;padding:.5rem 0}";

    private static readonly Dictionary<string, string> Nations = new(StringComparer.Ordinal)
    {
        ["CA"] = "Canada",
        ["FR"] = "France",
        ["DE"] = "Germany",
        ["IT"] = "Italy",
        ["JP"] = "Japan",
        ["GB"] = "United Kingdom",
        ["US"] = "United States",
        ["EU"] = "European Union",
    };

    private static readonly Dictionary<string, string> Kinds = new(StringComparer.Ordinal)
    {
        ["defence-policy"] = "Defence policy",
        ["military-expenditure"] = "Military expenditure",
        ["exercise-report"] = "Exercise report",
        ["arms-transfer-summary"] = "Arms-transfer summary",
    };

    /// <summary>Text or a quoted attribute value, encoded.</summary>
    public static string Encode(string? text) => Encoder.Encode(text ?? string.Empty);

    /// <summary>Opens a page: doctype, language, charset, viewport, the encoded title and the style sheet; ends inside <c>body</c>.</summary>
    public static StringBuilder Begin(string title, string? headExtra = null)
    {
        var html = new StringBuilder(4096);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"referrer\" content=\"no-referrer\">\n")
            .Append("<title>").Append(Encode(title)).Append("</title>\n")
            .Append(headExtra)
            .Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n");
        return html;
    }

    /// <summary>Closes what <see cref="Begin"/> opened.</summary>
    public static string End(StringBuilder html) => html.Append("</body>\n</html>\n").ToString();

    /// <summary>"France (FR)" for a known code, else the code itself; not encoded.</summary>
    public static string Nation(string code) =>
        Nations.TryGetValue(code, out string? name) ? $"{name} ({code})" : code;

    /// <summary>A readable label for a kind's wire name, else the wire name; not encoded.</summary>
    public static string Kind(string kind) => Kinds.TryGetValue(kind, out string? label) ? label : kind;

    /// <summary>A time as UTC; a <see cref="DateTimeKind.Unspecified"/> time is taken to be UTC already.</summary>
    public static DateTime Utc(DateTime at) => at.Kind switch
    {
        DateTimeKind.Utc => at,
        DateTimeKind.Local => at.ToUniversalTime(),
        _ => DateTime.SpecifyKind(at, DateTimeKind.Utc),
    };

    /// <summary>A time for people, in UTC to the second.</summary>
    public static string Time(DateTime at) => Utc(at).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A time for the <c>datetime</c> attribute of <c>time</c>.</summary>
    public static string MachineTime(DateTime at) => Utc(at).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>An amount with thousands separators and the decimals it was given with.</summary>
    public static string Amount(decimal amount) => amount.ToString("#,0.############################", CultureInfo.InvariantCulture);

    /// <summary>
    /// A share as a percentage with two decimals, rounded toward zero, so that the figure shown reaches a guideline
    /// exactly when the exact share does (1.9999 % shows as 1.99 %, never as 2.00 % beside "below").
    /// </summary>
    public static string Percent(decimal share) =>
        Math.Round(share * 100m, 2, MidpointRounding.ToZero).ToString("0.00", CultureInfo.InvariantCulture) + " %";

    /// <summary>The public address of a disclosure, relative to the site's root.</summary>
    public static string DisclosurePath(string id) => "/api/public/disclosures/" + Uri.EscapeDataString(id);
}
