using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using G7Flows.Workflows.Disclosures.Publishing;
using G7Flows.Workflows.Platform.Publishing;

namespace G7Flows.Workflows.Tests.Disclosures.Publishing;

public sealed class MarkdownStructureTests
{
    [Fact]
    public void A_heading_keeps_its_level_and_text()
    {
        // Act
        StructuredBlock block = Single("## Defence policy");

        // Assert
        Assert.Equal("heading", block.Type);
        Assert.Equal(2, block.Level);
        Assert.Equal("Defence policy", TextOf(block.Inlines!));
    }

    [Fact]
    public void Paragraphs_are_separate_blocks()
    {
        // Act
        StructuredDocument document = Build("First.\n\nSecond.");

        // Assert
        Assert.Collection(
            document.Blocks,
            b => Assert.Equal(("paragraph", "First."), (b.Type, TextOf(b.Inlines!))),
            b => Assert.Equal(("paragraph", "Second."), (b.Type, TextOf(b.Inlines!))));
    }

    [Fact]
    public void Emphasis_strong_and_strike_wrap_their_text()
    {
        // Act
        StructuredBlock block = Single("a *b* **c** ~~d~~");

        // Assert
        var kinds = block.Inlines!.Where(i => i.Children is not null).Select(i => (i.Type, TextOf(i.Children!))).ToList();
        Assert.Equal([("emphasis", "b"), ("strong", "c"), ("strike", "d")], kinds);
    }

    [Fact]
    public void Inline_code_is_a_code_run_pointing_inside_the_backticks()
    {
        // Arrange
        const string Markdown = "Run `make all` now";

        // Act
        StructuredInline code = Single(Markdown).Inlines!.Single(i => i.Type == "code");

        // Assert
        Assert.Equal("make all", code.Text);
        Assert.Equal(Markdown.IndexOf("make", StringComparison.Ordinal), code.Offset);
        Assert.Equal(8, code.Length);
    }

    [Fact]
    public void A_hard_line_break_is_a_break_and_a_soft_one_is_a_line_feed_run()
    {
        // Act
        IReadOnlyList<StructuredInline> inlines = Single("one  \ntwo\nthree").Inlines!;

        // Assert
        Assert.Contains(inlines, i => i.Type == "break");
        Assert.Contains(inlines, i => i is { Type: "text", Text: "\n" });
    }

    [Fact]
    public void Lists_keep_their_kind_start_and_items()
    {
        // Act
        StructuredDocument document = Build("- a\n- b\n\n3. c\n4. d");

        // Assert
        Assert.Collection(
            document.Blocks,
            b =>
            {
                Assert.Equal(("list", false), (b.Type, b.Ordered!.Value));
                Assert.Equal(["a", "b"], b.Items!.Select(item => TextOf(item.Single().Inlines!)));
            },
            b =>
            {
                Assert.Equal(("list", true, 3), (b.Type, b.Ordered!.Value, b.Start!.Value));
                Assert.Equal(["c", "d"], b.Items!.Select(item => TextOf(item.Single().Inlines!)));
            });
    }

    [Fact]
    public void A_quote_holds_its_blocks()
    {
        // Act
        StructuredBlock quote = Single("> # Title\n> Said.");

        // Assert
        Assert.Equal("quote", quote.Type);
        Assert.Equal(["heading", "paragraph"], quote.Blocks!.Select(b => b.Type));
    }

    [Fact]
    public void A_code_block_keeps_its_lines_as_text()
    {
        // Arrange
        const string Markdown = "```\nline one\n<b>two</b>\n```";

        // Act
        StructuredBlock code = Single(Markdown);

        // Assert
        Assert.Equal("code", code.Type);
        Assert.Equal("line one\n<b>two</b>", TextOf(code.Inlines!));
        AssertRunsMatch(Markdown, code.Inlines!);
    }

    [Fact]
    public void A_thematic_break_is_a_rule()
    {
        Assert.Equal(["paragraph", "rule", "paragraph"], Build("a\n\n---\n\nb").Blocks.Select(b => b.Type));
    }

    [Fact]
    public void A_pipe_table_has_a_header_row_and_cells()
    {
        // Act
        StructuredBlock table = Single("| Year | Total |\n|---|---|\n| 2025 | *10* |");

        // Assert
        Assert.Equal("table", table.Type);
        Assert.Collection(
            table.Rows!,
            r => Assert.Equal("True Year|Total", $"{r.Header} {string.Join('|', r.Cells.Select(TextOf))}"),
            r => Assert.Equal("False 2025|10", $"{r.Header} {string.Join('|', r.Cells.Select(TextOf))}"));
    }

    [Theory]
    [InlineData("[site](https://example.org)", "https://example.org")]
    [InlineData("[write](mailto:desk@example.org)", "mailto:desk@example.org")]
    [InlineData("<https://example.org/a>", "https://example.org/a")]
    [InlineData("See https://example.org/b today", "https://example.org/b")]
    public void Web_links_keep_their_address(string markdown, string href)
    {
        // Act
        StructuredInline link = Single(markdown).Inlines!.Single(i => i.Type == "link");

        // Assert
        Assert.Equal(href, link.Href);
        Assert.NotEmpty(TextOf(link.Children!));
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JaVaScRiPt:alert(1))")]
    [InlineData("[click](java\tscript:alert(1))")]
    [InlineData("[click](data:text/html,x)")]
    [InlineData("[click](vbscript:x)")]
    [InlineData("[click](/api/disclosures)")]
    [InlineData("[click](#/inbox)")]
    [InlineData("<javascript:alert(1)>")]
    public void Other_links_leave_their_text_alone(string markdown)
    {
        // Act
        StructuredDocument document = Build(markdown);

        // Assert
        Assert.DoesNotContain(All(document), i => i.Type == "link" || i.Href is not null);
        Assert.Contains(All(document), i => i.Text is { Length: > 0 });
    }

    [Theory]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("Look: <img src=x onerror=alert(1)> here")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<div>\n<script>alert(1)</script>\n</div>")]
    public void Raw_html_arrives_as_literal_text(string markdown)
    {
        // Act
        StructuredDocument document = Build(markdown);

        // Assert
        string text = string.Concat(All(document).Select(i => i.Text));
        Assert.All(document.Blocks, b => Assert.Equal("paragraph", b.Type));
        Assert.Equal(markdown.Replace("\n", string.Empty, StringComparison.Ordinal), text.Replace("\n", string.Empty, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("# Defence *policy* for **NATO SECRET** units\n\nText with [a *link*](https://example.org) and `code`.\n")]
    [InlineData("- item one\n- item **two**\n  continued\n\n> quoted _text_\n> more\r\n\r\n1. first\n2. second\n")]
    [InlineData("| a | b |\n|---|---|\n| x *y* | z |\n\n    indented code\n    more\n\nend  \nbreak")]
    [InlineData("Entities &amp; escapes \\* and &#65; stay mapped; www.example.org too.")]
    public void Every_text_run_maps_back_to_the_source(string markdown)
    {
        // Act
        StructuredDocument document = Build(markdown);

        // Assert
        List<StructuredInline> runs = All(document).Where(i => i.Text is not null).ToList();
        Assert.NotEmpty(runs);
        AssertRunsMatch(markdown, runs);
        Assert.All(runs.Where(r => r.Text != "\n"), r => Assert.NotNull(r.Offset));
    }

    [Fact]
    public void Formatted_text_maps_character_for_character()
    {
        // Arrange
        const string Markdown = "# Title *here*\n\n- a **b** [c](https://example.org)\n- `d` ~~e~~\n\n> f";

        // Act
        List<StructuredInline> runs = All(Build(Markdown)).Where(i => i.Text is not null).ToList();

        // Assert
        Assert.All(runs, r => Assert.Equal(r.Text!.Length, r.Length));
        AssertRunsMatch(Markdown, runs);
    }

    [Fact]
    public void A_finding_inside_emphasis_is_found_by_its_offsets()
    {
        // Arrange: a marking half inside strong emphasis.
        const string Markdown = "Units **NATO SECRET** only";
        int start = Markdown.IndexOf("NATO", StringComparison.Ordinal);

        // Act
        StructuredInline strong = Single(Markdown).Inlines!.Single(i => i.Type == "strong");
        StructuredInline run = strong.Children!.Single();

        // Assert
        Assert.Equal(start, run.Offset);
        Assert.Equal("NATO SECRET", Markdown.Substring(run.Offset!.Value, run.Length!.Value));
    }

    [Fact]
    public void Deep_nesting_is_flattened_and_still_serialises()
    {
        // Arrange
        string markdown = string.Concat(Enumerable.Repeat("> ", 60)) + "deep *a **b** c*";

        // Act
        StructuredDocument document = Build(markdown);
        string json = JsonSerializer.Serialize(document, Json.Options);

        // Assert
        Assert.Contains("deep", json, StringComparison.Ordinal);
        Assert.True(Depth(document.Blocks) <= MarkdownStructure.MaxNesting + 1);
    }

    [Fact]
    public void Deeply_nested_emphasis_is_flattened_and_keeps_its_text()
    {
        // Arrange: emphasis inside emphasis, 50 levels deep.
        string markdown = string.Concat(Enumerable.Repeat("*a ", 50)) + "core" + string.Concat(Enumerable.Repeat(" b*", 50));

        // Act
        StructuredDocument document = Build(markdown);
        string json = JsonSerializer.Serialize(document, Json.Options);

        // Assert
        Assert.Contains("core", json, StringComparison.Ordinal);
        Assert.True(InlineDepth(document.Blocks.Single().Inlines!) <= MarkdownStructure.MaxNesting, json);
        Assert.True(InlineDepth(document.Blocks.Single().Inlines!) >= 2, json);
    }

    [Fact]
    public void A_hostile_body_is_refused_within_the_submission_limits()
    {
        // Arrange: unclosed links on one long line, which Markdig scans in quadratic time.
        string markdown = new StringBuilder().Insert(0, "[a](b", 40_000).ToString();
        var watch = Stopwatch.StartNew();

        // Act
        StructuredDocument? document = MarkdownStructure.TryBuild(markdown);

        // Assert
        Assert.Null(document);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"Refusing took {watch.Elapsed}.");
    }

    [Fact]
    public void A_long_ordinary_body_is_built_quickly()
    {
        // Arrange: about 200,000 characters of headings, paragraphs with emphasis and links, and lists.
        var text = new StringBuilder();
        for (int i = 0; text.Length < 200_000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"## Section {i}\n\nThe *programming law* sets **priorities** for [the years](https://example.org/{i}) ahead, `code` too.\n\n- one\n- two\n\n");
        }

        string markdown = text.ToString();
        var watch = Stopwatch.StartNew();

        // Act
        StructuredDocument document = Build(markdown);
        string json = JsonSerializer.Serialize(document, Json.Options);

        // Assert
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"Building and serialising took {watch.Elapsed}.");
        Assert.True(document.Blocks.Count > 3000);
        Console.WriteLine($"200,000 characters: {watch.Elapsed.TotalMilliseconds:F0} ms, {json.Length} characters of JSON");
    }

    [Fact]
    public void A_body_nested_deeper_than_markdig_allows_is_refused()
    {
        Assert.Null(MarkdownStructure.TryBuild(new string('>', 2000) + " x"));
    }

    private static StructuredDocument Build(string markdown) =>
        MarkdownStructure.TryBuild(markdown) ?? throw new InvalidOperationException("Not rendered.");

    private static StructuredBlock Single(string markdown) => Assert.Single(Build(markdown).Blocks);

    private static string TextOf(IEnumerable<StructuredInline> inlines) =>
        string.Concat(inlines.Select(i => i.Text ?? (i.Children is null ? string.Empty : TextOf(i.Children))));

    private static IEnumerable<StructuredInline> All(StructuredDocument document) => document.Blocks.SelectMany(All);

    private static IEnumerable<StructuredInline> All(StructuredBlock block) =>
        (block.Inlines ?? []).SelectMany(All)
            .Concat((block.Blocks ?? []).SelectMany(All))
            .Concat((block.Items ?? []).SelectMany(item => item.SelectMany(All)))
            .Concat((block.Rows ?? []).SelectMany(r => r.Cells.SelectMany(c => c.SelectMany(All))));

    private static IEnumerable<StructuredInline> All(StructuredInline inline) =>
        new[] { inline }.Concat((inline.Children ?? []).SelectMany(All));

    private static int InlineDepth(IEnumerable<StructuredInline> inlines) =>
        inlines.Select(i => i.Children is null ? 0 : 1 + InlineDepth(i.Children)).DefaultIfEmpty(0).Max();

    private static int Depth(IEnumerable<StructuredBlock> blocks) =>
        blocks.Select(b => 1 + Math.Max(Depth(b.Blocks ?? []), Depth((b.Items ?? []).SelectMany(i => i)))).DefaultIfEmpty(0).Max();

    /// <summary>Each run whose length equals its text's is exactly the source's characters at its offset.</summary>
    private static void AssertRunsMatch(string markdown, IEnumerable<StructuredInline> runs)
    {
        foreach (StructuredInline run in runs.Where(r => r.Offset is not null))
        {
            Assert.InRange(run.Offset!.Value, 0, markdown.Length - 1);
            Assert.InRange(run.Offset.Value + run.Length!.Value, 1, markdown.Length);
            if (run.Length == run.Text!.Length)
            {
                Assert.Equal(run.Text, markdown.Substring(run.Offset.Value, run.Length.Value));
            }
        }
    }
}
