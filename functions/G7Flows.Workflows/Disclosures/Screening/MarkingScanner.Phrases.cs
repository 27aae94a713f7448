using System.Buffers;

namespace G7Flows.Workflows.Disclosures.Screening;

// MarkingScanner, continued. Reading words as catalog phrases, and what may stand between and around them.
internal sealed partial class MarkingScanner
{
    private static readonly SearchValues<char> Dashes = SearchValues.Create("-\u2010\u2011\u2012\u2013\u2014\u2015");

    private static readonly SearchValues<char> ListSeparators = SearchValues.Create(" ,");

    /// <summary>Reads <paramref name="words"/>[from..to) entirely as markings and caveats (at least one), or returns null.</summary>
    private List<PhraseMatch>? ReadAll(List<Word> words, int from, int to, bool capitalsOnly)
    {
        var matches = new List<PhraseMatch>();
        int i = from;
        while (i < to)
        {
            if (words[i].IsCjk)
            {
                if (!this.SegmentJapanese(words[i], i, matches))
                {
                    return null;
                }

                i++;
                continue;
            }

            var m = this.LongestAt(words, i, to, capitalsOnly);
            if (m is null || m.Phrase.Role == PhraseRole.Label)
            {
                return null;
            }

            matches.Add(m);
            i = m.Next;
        }

        return matches.Count > 0 ? matches : null;
    }

    private List<PhraseMatch>? ReadSegment(int start, int end, bool capitalsOnly)
    {
        var words = WordReader.Read(this.text, start, end);
        return words.Count > 0 && this.OnlySeparators(start, end, words) ? this.ReadAll(words, 0, words.Count, capitalsOnly) : null;
    }

    /// <summary>A run of Japanese must split wholly into markings: 極秘 and 極秘取扱注意 do, 秘書 and 秘密 do not.</summary>
    private bool SegmentJapanese(Word word, int index, List<PhraseMatch> matches)
    {
        int p = word.Start;
        while (p < word.End)
        {
            var phrase = MarkingCatalog.Cjk.FirstOrDefault(c => c.Role != PhraseRole.Label && this.text.AsSpan(p, word.End - p).StartsWith(c.Text, StringComparison.Ordinal));
            if (phrase is null)
            {
                return false;
            }

            matches.Add(new PhraseMatch(p, p + phrase.Text.Length, phrase, index + 1));
            p += phrase.Text.Length;
        }

        return true;
    }

    /// <summary>The longest phrase that starts at word <paramref name="i"/> and ends before word <paramref name="to"/>.</summary>
    private PhraseMatch? LongestAt(List<Word> words, int i, int to, bool capitalsOnly)
    {
        if (words[i].IsCjk || !MarkingCatalog.ByFirstWord.TryGetValue(words[i].Normalized, out var candidates))
        {
            return null;
        }

        foreach (var phrase in candidates)
        {
            int n = phrase.Words.Count;
            if (i + n > to || !this.Matches(words, i, phrase, capitalsOnly))
            {
                continue;
            }

            int next = i + n;
            int endOffset = words[next - 1].End;
            if (phrase.TakesCountryList)
            {
                while (next < to && IsCountryCode(words[next]) && this.IsCountrySeparator(words[next - 1].End, words[next].Start))
                {
                    endOffset = words[next].End;
                    next++;
                }
            }

            return new PhraseMatch(words[i].Start, endOffset, phrase, next);
        }

        return null;
    }

    private bool Matches(List<Word> words, int i, Phrase phrase, bool capitalsOnly)
    {
        for (int k = 0; k < phrase.Words.Count; k++)
        {
            var w = words[i + k];
            if (w.IsCjk || !string.Equals(w.Normalized, phrase.Words[k], StringComparison.Ordinal) || (capitalsOnly && !w.IsUpperCase))
            {
                return false;
            }

            if (k > 0 && !this.IsInnerSeparator(words[i + k - 1].End, w.Start))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The longest phrase in capitals that ends with word <paramref name="last"/>.</summary>
    private PhraseMatch? LongestEndingAt(List<Word> words, int last)
    {
        for (int i = Math.Max(0, last - MarkingCatalog.MaxWords - 8); i <= last; i++)
        {
            if (this.LongestAt(words, i, last + 1, capitalsOnly: true) is { } m && m.Next == last + 1 && m.Phrase.Role != PhraseRole.Label)
            {
                return m;
            }
        }

        return null;
    }

    /// <summary>The index of the first word after a label followed by a colon (<c>Classification:</c>), or 0.</summary>
    private int SkipLabel(List<Word> words)
    {
        if (words[0].IsCjk)
        {
            var label = MarkingCatalog.Cjk.FirstOrDefault(c => c.Role == PhraseRole.Label && c.Text == words[0].Normalized);
            return label is not null && words.Count > 1 && this.HasColon(words[0].End, words[1].Start) ? 1 : 0;
        }

        var m = this.LongestAt(words, 0, words.Count, capitalsOnly: false);
        return m is { Phrase.Role: PhraseRole.Label } && m.Next < words.Count && this.HasColon(m.End, words[m.Next].Start) ? m.Next : 0;
    }

    private bool HasColon(int from, int to) => this.text.AsSpan(from, to - from).ContainsAny(':', '：');

    private bool OnlySeparators(int from, int to) => !this.text.AsSpan(from, to - from).ContainsAnyExcept(BannerSeparators);

    private bool OnlySeparators(int from, int to, List<Word> words)
    {
        int p = from;
        foreach (var w in words)
        {
            if (!this.OnlySeparators(p, w.Start))
            {
                return false;
            }

            p = w.End;
        }

        return this.OnlySeparators(p, to);
    }

    /// <summary>Between the words of one phrase: spaces and at most one hyphen or dash (<c>VS-NfD</c>, <c>VS – Nur für den Dienstgebrauch</c>).</summary>
    private bool IsInnerSeparator(int from, int to)
    {
        if (to - from is < 1 or > 3)
        {
            return false;
        }

        var gap = this.text.AsSpan(from, to - from);
        int dashes = 0;
        foreach (char c in gap)
        {
            if (Dashes.Contains(c))
            {
                dashes++;
            }
            else if (!char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return dashes <= 1;
    }

    private bool IsCountrySeparator(int from, int to) =>
        to - from is >= 1 and <= 3 && !this.text.AsSpan(from, to - from).ContainsAnyExcept(ListSeparators);

    private static bool IsCountryCode(Word w) =>
        !w.IsCjk && w.IsUpperCase && w.End - w.Start is >= 2 and <= 5 && w.Normalized.All(char.IsAsciiLetterUpper);

    private bool IsListItem(int start, int end)
    {
        int p = start;
        while (p < end && (char.IsWhiteSpace(this.text[p]) || this.text[p] == '>'))
        {
            p++;
        }

        if (p < end && this.text[p] is '-' or '*' or '+' or '\u2022')
        {
            return p + 1 >= end || char.IsWhiteSpace(this.text[p + 1]);
        }

        int digits = p;
        while (p < end && char.IsAsciiDigit(this.text[p]))
        {
            p++;
        }

        return p > digits && p < end && this.text[p] is '.' or ')' && (p + 1 >= end || char.IsWhiteSpace(this.text[p + 1]));
    }

    /// <summary>Skips what may open a paragraph before a portion mark: indentation, <c>&gt;</c>, list bullets, numbers such as <c>1.</c> or <c>2.3)</c>, emphasis.</summary>
    private int SkipLinePrefix(int start, int end)
    {
        int p = start;
        while (p < end)
        {
            char c = this.text[p];
            if (char.IsWhiteSpace(c) || c is '>' or '-' or '*' or '+' or '_' or '#' or '\u2022')
            {
                p++;
            }
            else if (char.IsAsciiDigit(c))
            {
                int q = p;
                while (q < end && (char.IsAsciiDigit(this.text[q]) || this.text[q] == '.'))
                {
                    q++;
                }

                if (q < end && this.text[q] == ')')
                {
                    q++;
                }

                if (q == p || this.text[q - 1] is not ('.' or ')'))
                {
                    return p;
                }

                p = q;
            }
            else
            {
                return p;
            }
        }

        return p;
    }
}
