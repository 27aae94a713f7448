using System.Diagnostics.CodeAnalysis;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace G7Flows.Workflows.Disclosures.Publishing;

/// <summary>
/// Renders a disclosure's Markdown body to an HTML fragment that is safe to put in a public page. Raw HTML is not
/// HTML: Markdig's <c>DisableHtml</c> turns HTML blocks and inline tags into text. Links keep only http, https and
/// mailto addresses or relative ones; any other scheme (<c>javascript:</c>, <c>data:</c>, <c>vbscript:</c> ...) leaves
/// the link text as plain text, because Markdig itself writes whatever destination it was given. Images become links
/// to the image, so a published page never loads anything from elsewhere. Headings move down one level (# is h2),
/// because the page's own title is its h1.
/// </summary>
/// <remarks>
/// Cost: Markdig 1.6.0 parses long runs of unclosed inline links (<c>[a](b</c> repeated) in quadratic time, about
/// 14 s for a 200,000-character body on a two-core machine; ordinary documents of that size take milliseconds.
/// Render once, where the time is affordable (publication), not on every request.
/// </remarks>
public static class DisclosureMarkdown
{
    private static readonly string[] SafeSchemes = ["http", "https", "mailto"];

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseReferralLinks("nofollow", "noopener", "noreferrer")
        .Build();

    /// <summary>
    /// The HTML fragment for <paramref name="markdown"/> (CommonMark with pipe tables, strikethrough and bare URLs as
    /// links). It never throws for any string: a body nested deeper than Markdig allows (<see cref="TryToHtml"/> is
    /// false) is shown as preformatted plain text, encoded, so a publication never fails on its body.
    /// </summary>
    public static string ToHtml(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        return TryToHtml(markdown, out string? html)
            ? html
            : "<pre class=\"plain\">" + PublicHtml.Encode(markdown) + "</pre>\n";
    }

    /// <summary>
    /// Renders <paramref name="markdown"/>, or returns false when its elements are nested deeper than Markdig's limit
    /// (128 levels: a long run of <c>*a</c>, <c>&gt;</c> or <c>![</c>, for instance). A submission can use this to
    /// refuse such a body up front.
    /// </summary>
    public static bool TryToHtml(string markdown, [NotNullWhen(true)] out string? html)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        if (!TryParseSafe(markdown, out MarkdownDocument? document))
        {
            html = null;
            return false;
        }

        ShiftHeadings(document);
        html = Markdown.ToHtml(document, Pipeline);
        return true;
    }

    /// <summary>
    /// Parses <paramref name="markdown"/> with the publication pipeline (raw HTML off) and makes its links safe as
    /// <see cref="TryToHtml"/> does; false when its elements are nested deeper than Markdig's limit. Headings keep
    /// their levels. Source positions (<c>Span</c>) stay those of <paramref name="markdown"/>.
    /// </summary>
    public static bool TryParseSafe(string markdown, [NotNullWhen(true)] out MarkdownDocument? document)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        try
        {
            document = Markdown.Parse(markdown, Pipeline);
            MakeLinksSafe(document);
            return true;
        }
        catch (ArgumentException)
        {
            // Markdig's depth limit; the input itself is never an invalid argument here.
            document = null;
            return false;
        }
    }

    /// <summary>
    /// True for a link destination that may be written into an <c>href</c>: relative, or with one of the
    /// <see cref="SafeSchemes"/>. The scheme is read the way browsers read it, ignoring ASCII whitespace and
    /// control characters anywhere in it and letter case.
    /// </summary>
    public static bool IsSafeUrl(string? url) => url is null || SchemeOf(url) is not { } scheme || IsSafeScheme(scheme);

    /// <summary>
    /// The scheme of a link destination as browsers read it (ASCII whitespace and control characters anywhere ignored),
    /// or null when it has none: no colon, or a path, query or fragment before the first one (<c>/a:b</c>).
    /// </summary>
    internal static string? SchemeOf(string url)
    {
        string compact = string.Concat(url.Where(c => c > ' '));
        int colon = compact.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }

        int pathStart = compact.IndexOfAny(['/', '?', '#']);
        return pathStart >= 0 && pathStart < colon ? null : compact[..colon];
    }

    /// <summary>True for one of the <see cref="SafeSchemes"/>, in any letter case.</summary>
    internal static bool IsSafeScheme(string scheme) =>
        SafeSchemes.Any(safe => string.Equals(scheme, safe, StringComparison.OrdinalIgnoreCase));

    private static void ShiftHeadings(MarkdownDocument document)
    {
        foreach (HeadingBlock heading in document.Descendants<HeadingBlock>())
        {
            heading.Level = Math.Min(heading.Level + 1, 6);
        }
    }

    private static void MakeLinksSafe(MarkdownDocument document)
    {
        foreach (LinkInline link in document.Descendants<LinkInline>().ToList())
        {
            if (!IsSafeUrl(link.Url))
            {
                Unwrap(link);
            }
            else if (link.IsImage)
            {
                link.IsImage = false;
                if (link.FirstChild is null)
                {
                    link.AppendChild(new LiteralInline(link.Url ?? string.Empty));
                }
            }
        }

        foreach (AutolinkInline autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (!IsSafeUrl(autolink.Url))
            {
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
            }
        }
    }

    /// <summary>Replaces a link by its text.</summary>
    private static void Unwrap(LinkInline link)
    {
        while (link.FirstChild is { } child)
        {
            child.Remove();
            link.InsertBefore(child);
        }

        link.Remove();
    }
}
