using System.Diagnostics;
using G7Flows.Workflows.Disclosures.Api;
using Markdig.Extensions.Tables;
using Markdig.Helpers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace G7Flows.Workflows.Disclosures.Publishing;

/// <summary>
/// Turns a revision's Markdown into a <see cref="StructuredDocument"/> with the publication pipeline
/// (<see cref="DisclosureMarkdown.TryParseSafe"/>: raw HTML is text, unsafe links are their text) and the submission's
/// limits (<see cref="MarkdownGuard"/>). Every text run carries where it stands in the source, so that a screening
/// finding's span (line, column, length) can be marked in the rendering even across emphasis or link boundaries.
/// Links keep an address only when it is http, https or mailto; anything else (relative addresses included, which would
/// point into the reviewers' own application) leaves the link's text alone.
/// </summary>
public static class MarkdownStructure
{
    /// <summary>
    /// How deep quotes and lists may nest, and emphasis and links inside each other, before deeper ones are flattened
    /// into their parent (their text stays), so the JSON stays well inside the serializer's depth limit.
    /// </summary>
    public const int MaxNesting = 6;

    /// <summary>
    /// The structure of <paramref name="markdown"/>, or null when it cannot be rendered within the limits a submission
    /// is held to: too many links on long lines (<see cref="MarkdownGuard.LinkScanCost"/>, counted before parsing),
    /// nesting deeper than Markdig allows, or a parse that took longer than <see cref="MarkdownGuard.MaxRenderTime"/>.
    /// </summary>
    public static StructuredDocument? TryBuild(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        if (MarkdownGuard.LinkScanCost(markdown) > MarkdownGuard.MaxLinkScan)
        {
            return null;
        }

        var watch = Stopwatch.StartNew();
        if (!DisclosureMarkdown.TryParseSafe(markdown, out MarkdownDocument? document) || watch.Elapsed > MarkdownGuard.MaxRenderTime)
        {
            return null;
        }

        var blocks = new List<StructuredBlock>();
        new Walker(markdown).AddBlocks(document, blocks, 0);
        return new StructuredDocument(blocks);
    }

    /// <summary>
    /// True for an address with an http, https or mailto scheme, read as <see cref="DisclosureMarkdown.IsSafeUrl"/> reads
    /// it; unlike there, an address without a scheme (relative) is not one.
    /// </summary>
    private static bool IsWebAddress(string? url) =>
        url is not null && DisclosureMarkdown.SchemeOf(url) is { } scheme && DisclosureMarkdown.IsSafeScheme(scheme);

    private sealed class Walker(string source)
    {
        public void AddBlocks(ContainerBlock container, List<StructuredBlock> into, int depth)
        {
            foreach (Block block in container)
            {
                this.AddBlock(block, into, depth);
            }
        }

        private void AddBlock(Block block, List<StructuredBlock> into, int depth)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    into.Add(new StructuredBlock("heading") { Level = heading.Level, Inlines = this.InlinesOf(heading.Inline) });
                    break;
                case CodeBlock code:
                    into.Add(new StructuredBlock("code") { Inlines = this.CodeLines(code) });
                    break;
                case ThematicBreakBlock:
                    into.Add(new StructuredBlock("rule"));
                    break;
                case LinkReferenceDefinitionGroup or BlankLineBlock:
                    break;
                case Table table when depth < MaxNesting:
                    into.Add(new StructuredBlock("table") { Rows = [.. table.OfType<TableRow>().Select(this.RowOf)] });
                    break;
                case ListBlock list when depth < MaxNesting:
                    into.Add(new StructuredBlock("list")
                    {
                        Ordered = list.IsOrdered,
                        Start = list.IsOrdered && int.TryParse(list.OrderedStart, out int start) ? start : null,
                        Items = [.. list.OfType<ContainerBlock>().Select(item => this.BlocksOf(item, depth + 1))],
                    });
                    break;
                case QuoteBlock quote when depth < MaxNesting:
                    into.Add(new StructuredBlock("quote") { Blocks = this.BlocksOf(quote, depth + 1) });
                    break;
                case ContainerBlock deeper:
                    // Nested past the limit, or a container this structure has no kind for: its blocks, in place.
                    this.AddBlocks(deeper, into, depth);
                    break;
                case LeafBlock { Inline: { } inline }:
                    into.Add(new StructuredBlock("paragraph") { Inlines = this.InlinesOf(inline) });
                    break;
                case LeafBlock leaf:
                    into.Add(new StructuredBlock("paragraph") { Inlines = this.CodeLines(leaf) });
                    break;
            }
        }

        private List<StructuredBlock> BlocksOf(ContainerBlock container, int depth)
        {
            var blocks = new List<StructuredBlock>();
            this.AddBlocks(container, blocks, depth);
            return blocks;
        }

        private StructuredRow RowOf(TableRow row) =>
            new(row.IsHeader, [.. row.OfType<TableCell>().Select(cell =>
            {
                var inlines = new List<StructuredInline>();
                foreach (LeafBlock leaf in cell.Descendants<LeafBlock>())
                {
                    if (leaf.Inline is { } inline)
                    {
                        this.AddInlines(inline, inlines, 0);
                    }
                }

                return (IReadOnlyList<StructuredInline>)inlines;
            })]);

        /// <summary>A code block's (or an unexpected leaf's) lines as text runs joined by line feeds.</summary>
        private List<StructuredInline> CodeLines(LeafBlock block)
        {
            var runs = new List<StructuredInline>();
            StringLine[] lines = block.Lines.Lines ?? [];
            for (int i = 0; i < block.Lines.Count; i++)
            {
                if (i > 0)
                {
                    runs.Add(new StructuredInline("text") { Text = "\n" });
                }

                StringSlice slice = lines[i].Slice;
                string text = slice.ToString();
                if (text.Length == 0)
                {
                    continue;
                }

                runs.Add(ReferenceEquals(slice.Text, source)
                    ? this.Run("text", text, new SourceSpan(slice.Start, slice.End), search: false)
                    : this.Run("text", text, new SourceSpan(lines[i].Position, lines[i].Position + text.Length - 1), search: true));
            }

            return runs;
        }

        private List<StructuredInline> InlinesOf(ContainerInline? container)
        {
            var inlines = new List<StructuredInline>();
            if (container is not null)
            {
                this.AddInlines(container, inlines, 0);
            }

            return inlines;
        }

        private void AddInlines(ContainerInline container, List<StructuredInline> into, int depth)
        {
            foreach (Inline inline in container)
            {
                this.AddInline(inline, into, depth);
            }
        }

        private void AddInline(Inline inline, List<StructuredInline> into, int depth)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    into.Add(this.Run("text", literal.Content.ToString(), literal.Span, search: false));
                    break;
                case HtmlEntityInline entity:
                    into.Add(this.Run("text", entity.Transcoded.ToString(), entity.Span, search: false));
                    break;
                case CodeInline code:
                    into.Add(this.Run("code", code.Content, code.Span, search: true));
                    break;
                case LineBreakInline { IsHard: true }:
                    into.Add(new StructuredInline("break"));
                    break;
                case LineBreakInline soft:
                    into.Add(this.Run("text", "\n", soft.Span, search: false));
                    break;
                case AutolinkInline autolink:
                    StructuredInline address = this.Run("text", autolink.Url, autolink.Span, search: true);
                    string href = autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url;
                    into.Add(IsWebAddress(href) && depth < MaxNesting
                        ? new StructuredInline("link") { Href = href, Children = [address] }
                        : address);
                    break;
                case LinkInline link when IsWebAddress(link.Url) && depth < MaxNesting:
                    into.Add(new StructuredInline("link") { Href = link.Url!.Trim(), Children = this.ChildrenOf(link, depth + 1) });
                    break;
                case EmphasisInline emphasis when depth < MaxNesting && KindOf(emphasis) is { } kind:
                    into.Add(new StructuredInline(kind) { Children = this.ChildrenOf(emphasis, depth + 1) });
                    break;
                case ContainerInline other:
                    // A link without a web address, emphasis this structure has no kind for, or nesting past the limit:
                    // the text alone.
                    this.AddInlines(other, into, depth);
                    break;
                default:
                    // Any other leaf stands for its source characters, as text.
                    if (inline.Span.Start >= 0 && inline.Span.End < source.Length && inline.Span.Length > 0)
                    {
                        into.Add(this.Run("text", source.Substring(inline.Span.Start, inline.Span.Length), inline.Span, search: false));
                    }

                    break;
            }
        }

        private List<StructuredInline> ChildrenOf(ContainerInline container, int depth)
        {
            var children = new List<StructuredInline>();
            this.AddInlines(container, children, depth);
            return children;
        }

        private static string? KindOf(EmphasisInline emphasis) => (emphasis.DelimiterChar, emphasis.DelimiterCount) switch
        {
            ('*' or '_', 1) => "emphasis",
            ('*' or '_', 2) => "strong",
            ('~', 2) => "strike",
            _ => null,
        };

        /// <summary>
        /// A run of <paramref name="text"/> standing for <paramref name="span"/> of the source: one for one when the
        /// span holds exactly the text; with <paramref name="search"/>, where the text stands inside the span (a code
        /// span's content inside its backticks); otherwise for the whole span.
        /// </summary>
        private StructuredInline Run(string type, string text, SourceSpan span, bool search)
        {
            if (span.Start < 0 || span.End < span.Start || span.End >= source.Length)
            {
                return new StructuredInline(type) { Text = text };
            }

            ReadOnlySpan<char> covered = source.AsSpan(span.Start, span.Length);
            if (covered.SequenceEqual(text))
            {
                return new StructuredInline(type) { Text = text, Offset = span.Start, Length = text.Length };
            }

            int inside = search && text.Length > 0 ? covered.IndexOf(text, StringComparison.Ordinal) : -1;
            return inside >= 0
                ? new StructuredInline(type) { Text = text, Offset = span.Start + inside, Length = text.Length }
                : new StructuredInline(type) { Text = text, Offset = span.Start, Length = span.Length };
        }
    }
}
