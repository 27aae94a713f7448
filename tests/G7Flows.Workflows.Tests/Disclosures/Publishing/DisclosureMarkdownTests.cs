using G7Flows.Workflows.Disclosures.Publishing;
using Markdig;

namespace G7Flows.Workflows.Tests.Disclosures.Publishing;

public sealed class DisclosureMarkdownTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Text <script>alert(1)</script> inline")]
    [InlineData("<SCRIPT src=https://evil.example/x.js></SCRIPT>")]
    [InlineData("<div>\n<script>alert(1)</script>\n</div>")]
    [InlineData("```html\n<script>alert(1)</script>\n```")]
    [InlineData("    <script>alert(1)</script>")]
    [InlineData("`<script>alert(1)</script>`")]
    [InlineData("&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("&#60;script&#62;alert(1)&#60;/script&#62;")]
    [InlineData("&#x3C;script&#x3E;alert(1)&#x3C;/script&#x3E;")]
    [InlineData("| a |\n|---|\n| <script>alert(1)</script> |")]
    [InlineData("[<script>alert(1)</script>](https://example.org)")]
    [InlineData("[x](https://example.org \"<script>alert(1)</script>\")")]
    public void Script_in_any_form_comes_out_as_text(string markdown)
    {
        // Act
        string html = DisclosureMarkdown.ToHtml(markdown);

        // Assert
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("Look: <img src=x onerror=alert(1)> here")]
    [InlineData("<svg onload=alert(1)>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("<style>body{display:none}</style>")]
    [InlineData("<!-- comment --><b onmouseover=alert(1)>x</b>")]
    public void Raw_html_is_shown_as_text_and_never_becomes_a_tag(string markdown)
    {
        // Act
        string html = DisclosureMarkdown.ToHtml(markdown);

        // Assert
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<svg", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b ", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<a ", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](JavaScript:alert(1))")]
    [InlineData("[x](<javascript:alert(1)>)")]
    [InlineData("[x](&#106;avascript:alert(1))")]
    [InlineData("[x](java&#x09;script:alert(1))")]
    [InlineData("[x](javascript&colon;alert(1))")]
    [InlineData("[x](vbscript:msgbox(1))")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("[x](file:///etc/passwd)")]
    [InlineData("[x][ref]\n\n[ref]: javascript:alert(1)")]
    [InlineData("[x]\n\n[x]: javascript:alert(1)")]
    [InlineData("![x](javascript:alert(1))")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("[**x**](javascript:alert(1))")]
    public void A_link_to_a_script_or_other_unsafe_scheme_is_left_as_its_text(string markdown)
    {
        // Act
        string html = DisclosureMarkdown.ToHtml(markdown);

        // Assert
        Assert.DoesNotContain("href", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<a", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.True(html.Contains('x', StringComparison.Ordinal) || html.Contains("javascript:alert(1)", StringComparison.Ordinal), html);
    }

    [Fact]
    public void Markdig_alone_writes_script_links_which_is_why_links_are_checked()
    {
        // Act
        string unchecked_ = Markdown.ToHtml("[x](javascript:alert(1))", new MarkdownPipelineBuilder().DisableHtml().Build());

        // Assert
        Assert.Contains("href=\"javascript:alert(1)\"", unchecked_, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[G7](https://example.org/a?b=1&c=2)", "<a href=\"https://example.org/a?b=1&amp;c=2\" rel=\"nofollow noopener noreferrer\">G7</a>")]
    [InlineData("[G7](http://example.org)", "<a href=\"http://example.org\" rel=\"nofollow noopener noreferrer\">G7</a>")]
    [InlineData("[write](mailto:press@example.org)", "<a href=\"mailto:press@example.org\" rel=\"nofollow noopener noreferrer\">write</a>")]
    [InlineData("[index](/api/public/disclosures)", "<a href=\"/api/public/disclosures\" rel=\"nofollow noopener noreferrer\">index</a>")]
    [InlineData("[below](#annex-a)", "<a href=\"#annex-a\" rel=\"nofollow noopener noreferrer\">below</a>")]
    [InlineData("[annex](annex:a)", "annex")]
    [InlineData("See https://example.org/report.", "<a href=\"https://example.org/report\" rel=\"nofollow noopener noreferrer\">https://example.org/report</a>.")]
    public void Safe_links_are_kept_and_marked_as_not_endorsed(string markdown, string expected)
    {
        // Act
        string html = DisclosureMarkdown.ToHtml(markdown);

        // Assert
        Assert.Contains(expected, html, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_becomes_a_link_so_the_page_loads_nothing_from_elsewhere()
    {
        // Act
        string html = DisclosureMarkdown.ToHtml("![Budget chart](https://example.org/chart.png) and ![](https://example.org/b.png)");

        // Assert
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(">Budget chart</a>", html, StringComparison.Ordinal);
        Assert.Contains(">https://example.org/b.png</a>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Fish &amp; chips", "Fish &amp; chips")]
    [InlineData("AT&T", "AT&amp;T")]
    [InlineData("&copy; 2026", "© 2026")]
    [InlineData("&notanentity;", "&amp;notanentity;")]
    [InlineData("5 < 6 > 4", "5 &lt; 6 &gt; 4")]
    [InlineData("\"quoted\" 'single'", "&quot;quoted&quot; 'single'")]
    public void Entities_and_markup_characters_come_out_well_formed(string markdown, string expected)
    {
        // Act
        string html = DisclosureMarkdown.ToHtml(markdown);

        // Assert
        Assert.Equal($"<p>{expected}</p>\n", html);
    }

    [Fact]
    public void Headings_emphasis_lists_and_pipe_tables_render()
    {
        // Arrange
        const string markdown = "# Budget\n\n**Bold**, *italic* and ~~struck~~.\n\n- one\n- two\n\n| Year | EUR bn |\n|------|-------:|\n| 2025 | 90.6 |\n";

        // Act
        string html = DisclosureMarkdown.ToHtml(markdown);

        // Assert
        Assert.Contains("<h2>Budget</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>Bold</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<em>italic</em>", html, StringComparison.Ordinal);
        Assert.Contains("<del>struck</del>", html, StringComparison.Ordinal);
        Assert.Contains("<li>two</li>", html, StringComparison.Ordinal);
        Assert.Contains("<table>", html, StringComparison.Ordinal);
        Assert.Contains("<td style=\"text-align: right;\">90.6</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Headings_move_down_a_level_below_the_pages_title_and_stop_at_h6()
    {
        // Act
        string html = DisclosureMarkdown.ToHtml("# One\n\nTwo\n---\n\n##### Five\n\n###### Six");

        // Assert
        Assert.Contains("<h2>One</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<h3>Two</h3>", html, StringComparison.Ordinal);
        Assert.Contains("<h6>Five</h6>", html, StringComparison.Ordinal);
        Assert.Contains("<h6>Six</h6>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<h1", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Attribute_syntax_is_not_enabled_so_markdown_cannot_add_event_handlers()
    {
        // Act
        string html = DisclosureMarkdown.ToHtml("# Title {onclick=alert(1)}\n\n[x](https://example.org){onmouseover=alert(1)}");

        // Assert
        Assert.DoesNotContain(" onclick=", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" onmouseover=", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(">")]
    [InlineData("[")]
    [InlineData("*a")]
    [InlineData("![")]
    [InlineData("(")]
    [InlineData("`")]
    [InlineData("|")]
    public void A_maximal_body_of_repeated_syntax_renders_without_failing(string unit)
    {
        // Arrange: 200,000 characters, the longest body a disclosure may have.
        string markdown = string.Concat(Enumerable.Repeat(unit, 200_000 / unit.Length));

        // Act
        string html = DisclosureMarkdown.ToHtml(markdown);

        // Assert
        Assert.False(string.IsNullOrEmpty(html));
    }

    [Fact]
    public void A_body_nested_beyond_the_limit_is_shown_as_encoded_plain_text()
    {
        // Arrange
        string markdown = "<script>alert(1)</script>\n\n" + new string('>', 200);

        // Act
        bool rendered = DisclosureMarkdown.TryToHtml(markdown, out string? html);
        string fallback = DisclosureMarkdown.ToHtml(markdown);

        // Assert
        Assert.False(rendered);
        Assert.Null(html);
        Assert.StartsWith("<pre class=\"plain\">&lt;script&gt;alert(1)&lt;/script&gt;&#xA;&#xA;&gt;&gt;", fallback, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", fallback, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Nested_lists_and_quotes_within_the_limit_render()
    {
        // Arrange
        string lists = string.Concat(Enumerable.Range(0, 40).Select(i => new string(' ', i * 2) + "- item\n"));
        string quotes = new string('>', 60) + " deep";

        // Act
        bool listsRendered = DisclosureMarkdown.TryToHtml(lists, out string? listsHtml);
        bool quotesRendered = DisclosureMarkdown.TryToHtml(quotes, out string? quotesHtml);

        // Assert
        Assert.True(listsRendered);
        Assert.Equal(40, listsHtml!.Split("<li>").Length - 1);
        Assert.True(quotesRendered);
        Assert.Equal(60, quotesHtml!.Split("<blockquote>").Length - 1);
    }

    [Fact]
    public void A_large_pipe_table_renders()
    {
        // Arrange
        string markdown = "| Year | Land | Air |\n|---|---:|---:|\n" + string.Concat(Enumerable.Range(0, 3_000).Select(i => $"| {i} | {i * 2} | {i * 3} |\n"));

        // Act
        bool rendered = DisclosureMarkdown.TryToHtml(markdown, out string? html);

        // Assert
        Assert.True(rendered);
        Assert.Equal(3_000, html!.Split("<tr>").Length - 2);
    }

    [Theory]
    [InlineData("https://example.org", true)]
    [InlineData("HTTPS://example.org", true)]
    [InlineData("mailto:a@example.org", true)]
    [InlineData("/relative/path:with-colon", true)]
    [InlineData("relative?x=a:b", true)]
    [InlineData("#frag:ment", true)]
    [InlineData("", true)]
    [InlineData(null, true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData(" javascript:alert(1)", false)]
    [InlineData("java\tscript:alert(1)", false)]
    [InlineData("java\nscript:alert(1)", false)]
    [InlineData("\u0001javascript:alert(1)", false)]
    [InlineData("jAvAsCrIpT:alert('/')", false)]
    [InlineData("data:text/html,x", false)]
    [InlineData("ftp://example.org", false)]
    public void Only_http_https_mailto_and_relative_urls_are_safe(string? url, bool safe)
    {
        // Act and assert
        Assert.Equal(safe, DisclosureMarkdown.IsSafeUrl(url));
    }
}
