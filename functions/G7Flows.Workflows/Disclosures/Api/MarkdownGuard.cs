using System.Diagnostics;
using G7Flows.Workflows.Disclosures.Publishing;

namespace G7Flows.Workflows.Disclosures.Api;

/// <summary>
/// Keeps bodies that Markdig cannot render in reasonable time out of the workflow. Markdig 1.6.0 scans the rest of the
/// line for every unclosed inline link (<c>[a](b</c>, <c>![a](b</c>), so a long line of them costs the product of their
/// number and the line's length: 200,000 characters of <c>[a](b</c> take tens of seconds. The guard counts that cost
/// in one linear pass and refuses a body above a budget that ordinary documents never come near; then it renders the
/// body once, refusing one that Markdig cannot nest or that still took too long.
/// </summary>
public static class MarkdownGuard
{
    /// <summary>
    /// The most characters the unclosed-link scans may cover: about half a second of Markdig's time on a loaded two-core
    /// machine. A 5,000-character line with 100 links costs 500,000.
    /// </summary>
    public const long MaxLinkScan = 20_000_000;

    /// <summary>The longest a render at submission may take before the body is refused as too complex.</summary>
    public static TimeSpan MaxRenderTime { get; } = TimeSpan.FromSeconds(3);

    /// <summary>The cost of the link scans in <paramref name="markdown"/>: for each <c>](</c>, the characters left on its line.</summary>
    public static long LinkScanCost(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        long cost = 0;
        int lineEnd = -1;
        for (int i = 0; i + 1 < markdown.Length; i++)
        {
            if (i > lineEnd)
            {
                lineEnd = markdown.IndexOfAny(['\n', '\r'], i);
                if (lineEnd < 0)
                {
                    lineEnd = markdown.Length;
                }
            }

            if (markdown[i] == ']' && markdown[i + 1] == '(')
            {
                cost += lineEnd - i;
            }
        }

        return cost;
    }

    /// <summary>Why <paramref name="markdown"/> cannot be rendered safely, or null when it can.</summary>
    public static string? Problem(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        if (LinkScanCost(markdown) > MaxLinkScan)
        {
            return "The body has too many links on long lines to render safely; break its long lines or paragraphs, or use fewer links.";
        }

        var watch = Stopwatch.StartNew();
        if (!DisclosureMarkdown.TryToHtml(markdown, out _))
        {
            return "The body's Markdown is nested deeper than can be rendered (long runs of '[', '*', '>' ...); simplify it.";
        }

        return watch.Elapsed > MaxRenderTime
            ? "The body's Markdown is too complex to render in reasonable time; simplify it."
            : null;
    }
}
