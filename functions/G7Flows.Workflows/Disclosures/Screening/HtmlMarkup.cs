using System.Collections.Frozen;

namespace G7Flows.Workflows.Disclosures.Screening;

/// <summary>
/// Blanks HTML tags and character references out of a copy of the text, so that a banner pasted with its markup
/// (<c>&lt;p&gt;&lt;b&gt;SECRET&lt;/b&gt;&lt;/p&gt;</c>, <c>&amp;nbsp;TOP SECRET&amp;nbsp;</c>) still stands alone on its line.
/// Every blanked character becomes a space, so offsets, lines and columns stay those of the original text.
/// </summary>
/// <remarks>
/// Only tags of common formatting elements are blanked, on one line and up to 200 characters: <c>&lt;SECRET&gt;</c> is
/// no tag, and Japanese angle brackets (<c>&lt;秘&gt;</c>) are kept for the bracket rule.
/// </remarks>
internal static class HtmlMarkup
{
    private const int MaxTag = 200;
    private const int MaxReference = 10;

    private static readonly FrozenSet<string> Elements = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "a", "b", "big", "blockquote", "br", "center", "code", "div", "em", "font", "h1", "h2", "h3", "h4", "h5", "h6",
        "hr", "i", "li", "mark", "ol", "p", "pre", "s", "small", "span", "strong", "sub", "sup", "table", "td", "th", "tr", "u", "ul");

    /// <summary>The text with markup replaced by spaces, or the text itself when it has none.</summary>
    public static string Blank(string text)
    {
        if (!text.AsSpan().ContainsAny('<', '&'))
        {
            return text;
        }

        char[]? copy = null;
        for (int i = text.AsSpan().IndexOfAny('<', '&'); i >= 0 && i < text.Length; i++)
        {
            int end = text[i] switch
            {
                '<' => TagEnd(text, i),
                '&' => ReferenceEnd(text, i),
                _ => -1,
            };

            if (end > i)
            {
                copy ??= text.ToCharArray();
                Array.Fill(copy, ' ', i, end - i);
                i = end - 1;
            }
        }

        return copy is null ? text : new string(copy);
    }

    /// <summary>The offset after a tag of a known element that starts at <paramref name="i"/>, or -1.</summary>
    private static int TagEnd(string text, int i)
    {
        int p = i + 1;
        if (p < text.Length && text[p] == '/')
        {
            p++;
        }

        int nameStart = p;
        while (p < text.Length && char.IsAsciiLetterOrDigit(text[p]))
        {
            p++;
        }

        if (p == nameStart || !Elements.Contains(text[nameStart..p]))
        {
            return -1;
        }

        for (int limit = Math.Min(text.Length, i + MaxTag); p < limit; p++)
        {
            switch (text[p])
            {
                case '>':
                    return p + 1;
                case '<' or '\n' or '\r':
                    return -1;
            }
        }

        return -1;
    }

    /// <summary>The offset after a character reference (<c>&amp;nbsp;</c>, <c>&amp;#160;</c>) that starts at <paramref name="i"/>, or -1.</summary>
    private static int ReferenceEnd(string text, int i)
    {
        for (int p = i + 1, limit = Math.Min(text.Length, i + MaxReference); p < limit; p++)
        {
            char c = text[p];
            if (c == ';')
            {
                return p > i + 1 ? p + 1 : -1;
            }

            if (!char.IsAsciiLetterOrDigit(c) && c != '#')
            {
                return -1;
            }
        }

        return -1;
    }
}
