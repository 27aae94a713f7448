using System.Buffers;

namespace G7Flows.Workflows.Disclosures.Screening;

/// <summary>
/// Finds classification markings and handling caveats where markings stand, and only there. The words themselves are
/// ordinary ("secret", "confidential", "geheim", "riservato", 秘), so a rule flags them by their position:
/// <list type="number">
/// <item><b>Banner line</b>: a line whose words are all markings, caveats and an optional label (<c>Classification:</c>),
/// between separators such as <c>//</c>, <c>/</c>, <c>-</c>, <c>,</c> or Markdown emphasis: <c>TOP SECRET//NOFORN</c>,
/// <c>**Très Secret**</c>, <c>Streng geheim</c>, <c>RESTREINT UE/EU RESTRICTED</c>, <c>極秘　取扱注意</c>. Any case is
/// accepted, except in list items and table rows, where a marking must be in capitals (a public text may list the
/// levels of a system).</item>
/// <item><b>Control line</b>: a marking or caveat in capitals directly followed by <c>//</c> anywhere in a line
/// (<c>SECRET//REL TO USA, GBR</c>), and the caveats in the blocks after it.</item>
/// <item><b>Portion mark</b>: a parenthesis opening a paragraph or list item: <c>(S)</c>, <c>(TS)</c>, <c>(C)</c>,
/// <c>(U)</c>, <c>(NS)</c>, <c>(S//NF)</c>, <c>(TS//SI//REL TO USA, FVEY)</c>, <c>(SECRET)</c>; or anywhere in a line
/// when it holds <c>//</c> (<c>(S//NF)</c> cannot be prose). A single letter <c>(C)</c>, <c>(S)</c> or <c>(U)</c> is an
/// enumerator when the text also opens a paragraph with the letter before it (<c>(B)</c>, <c>(R)</c>, <c>(T)</c>), and
/// <c>(C) 2025</c> or <c>(C) Crown copyright</c> is a copyright notice.</item>
/// <item><b>Japanese brackets</b>: a bracket holding only Japanese markings and caveats, anywhere: <c>【極秘】</c>,
/// <c>（秘）</c>, <c>［取扱注意］</c>. The character 秘 alone is common in prose (秘書, secretary) and is never flagged
/// outside a bracket or a banner line.</item>
/// <item><b>First and last line</b>: the first and the last line with words may start with a marking in capitals followed
/// by other text: <c>TOP SECRET Annual exercise report</c>. The next word must not be in capitals as well, so that a
/// title such as <c>SECRET BALLOTS AT THE UN</c> passes.</item>
/// <item><b>Distinctive caveat in prose</b>: <c>NOFORN</c>, <c>ORCON</c>, <c>RELIDO</c> or <c>REL TO</c> with a country
/// code, in capitals in running text, is a <see cref="FindingSeverities.Warning"/>: probably a reference to the caveat,
/// but worth a reviewer's look.</item>
/// </list>
/// The same words in prose do not match: "the Secretary", "a secret ballot", "trade secrets", "top secret" or
/// "confidential" within a sentence, "Protected areas", "eine geheime Abstimmung", "il segreto di Stato", 秘書官.
/// </summary>
internal sealed class MarkingScanner
{
    /// <summary>What may stand between the words of a banner line, around them, or inside a Japanese bracket.</summary>
    private static readonly SearchValues<char> BannerSeparators = SearchValues.Create(
        " \t\u00A0\u2007\u202F\u3000/\\-\u2010\u2011\u2012\u2013\u2014\u2015,;:|*_#>`~=()[]【】（）［］〔〕〈〉《》〖〗・、／：，");

    /// <summary>Markdown decoration and spaces: what may precede a marking at the start of a line or follow it in a title.</summary>
    private static readonly SearchValues<char> Decoration = SearchValues.Create(" \t\u00A0\u3000#>*_`");

    private static readonly SearchValues<char> HardBreaks = SearchValues.Create("|:\u2013\u2014");

    private static readonly SearchValues<char> Dashes = SearchValues.Create("-\u2010\u2011\u2012\u2013\u2014\u2015");

    private static readonly SearchValues<char> ListSeparators = SearchValues.Create(" ,");

    private static readonly SearchValues<char> ControlSeparators = SearchValues.Create(" /,-");

    private readonly string text;
    private readonly TextLines lines;
    private readonly string nationSystem;
    private readonly List<Detection> found;
    private readonly HashSet<char> enumeratorLetters = [];

    private MarkingScanner(string text, TextLines lines, string nationSystem, List<Detection> found)
    {
        this.text = text;
        this.lines = lines;
        this.nationSystem = nationSystem;
        this.found = found;
    }

    /// <summary>Adds the markings and caveats of <paramref name="text"/> to <paramref name="found"/>.</summary>
    /// <param name="text">The whole text.</param>
    /// <param name="lines">Its lines.</param>
    /// <param name="nationSystem">The submitting nation's system, to attribute markings that several systems share.</param>
    /// <param name="found">Where detections go.</param>
    public static void Scan(string text, TextLines lines, string nationSystem, List<Detection> found) =>
        new MarkingScanner(text, lines, nationSystem, found).Run();

    private void Run()
    {
        var wordsByLine = new List<Word>[this.lines.Count];
        int first = -1, last = -1;
        for (int line = 0; line < this.lines.Count; line++)
        {
            int start = this.lines.StartOf(line), end = this.lines.EndOf(line);
            wordsByLine[line] = WordReader.Read(this.text, start, end);
            if (wordsByLine[line].Count > 0)
            {
                first = first < 0 ? line : first;
                last = line;
            }

            int p = this.SkipLinePrefix(start, end);
            if (p + 2 < end && this.text[p] == '(' && char.IsAsciiLetterUpper(this.text[p + 1]) && this.text[p + 2] == ')')
            {
                this.enumeratorLetters.Add(this.text[p + 1]);
            }
        }

        for (int line = 0; line < this.lines.Count; line++)
        {
            var words = wordsByLine[line];
            if (words.Count == 0)
            {
                continue;
            }

            int start = this.lines.StartOf(line), end = this.lines.EndOf(line);
            var span = this.text.AsSpan(start, end - start);
            this.BannerLine(start, end, words);
            if (line == first || line == last)
            {
                this.EdgeLine(start, words);
            }

            if (span.Contains("//", StringComparison.Ordinal))
            {
                this.ControlLine(start, end, words);
            }

            if (span.Contains('('))
            {
                this.PortionMarks(start, end);
            }

            if (span.ContainsAny(JapaneseBrackets.Openers))
            {
                this.JapaneseBracketsIn(start, end);
            }

            this.DistinctiveCaveats(words);
        }
    }

    private void BannerLine(int start, int end, List<Word> words)
    {
        if (!this.OnlySeparators(start, words[0].Start) || !this.OnlySeparators(words[^1].End, end))
        {
            return;
        }

        for (int i = 1; i < words.Count; i++)
        {
            if (!this.OnlySeparators(words[i - 1].End, words[i].Start))
            {
                return;
            }
        }

        var line = this.text.AsSpan(start, end - start);
        bool capitalsOnly = this.IsListItem(start, end) || line.Count('|') >= 2;
        var matches = this.ReadAll(words, this.SkipLabel(words), words.Count, capitalsOnly);
        if (matches is not null)
        {
            this.EmitAll(matches);
        }
    }

    private void EdgeLine(int start, List<Word> words)
    {
        if (this.text.AsSpan(start, words[0].Start - start).ContainsAnyExcept(Decoration))
        {
            return;
        }

        var chain = new List<PhraseMatch>();
        int i = 0;
        while (i < words.Count && this.LongestAt(words, i, words.Count, capitalsOnly: true) is { } m
            && m.Phrase.Role != PhraseRole.Label
            && (i == 0 || this.OnlySeparators(words[i - 1].End, words[i].Start)))
        {
            chain.Add(m);
            i = m.Next;
        }

        if (chain.Count == 0 || i >= words.Count)
        {
            return;
        }

        var gap = this.text.AsSpan(words[i - 1].End, words[i].Start - words[i - 1].End);
        bool hardBreak = gap.Contains("//", StringComparison.Ordinal) || gap.ContainsAny(HardBreaks) || gap.Contains(" - ", StringComparison.Ordinal);
        if (hardBreak || (!words[i].IsUpperCase && !gap.ContainsAnyExcept(Decoration)))
        {
            this.EmitAll(chain);
        }
    }

    private void ControlLine(int start, int end, List<Word> words)
    {
        int w = 0;
        for (int k = this.text.IndexOf("//", start, end - start, StringComparison.Ordinal); k >= 0;
             k = k + 2 < end ? this.text.IndexOf("//", k + 2, end - k - 2, StringComparison.Ordinal) : -1)
        {
            while (w < words.Count && words[w].End <= k)
            {
                w++;
            }

            int before = w - 1;
            if (before < 0 || !this.text.AsSpan(words[before].End, k - words[before].End).IsWhiteSpace())
            {
                continue;
            }

            var marking = this.LongestEndingAt(words, before);
            if (marking is null)
            {
                continue;
            }

            this.Emit(marking.Start, marking.End, marking.Phrase);
            this.ControlBlocks(words, w, k + 2);
        }
    }

    /// <summary>The blocks after <c>//</c>: caveats are flagged, unknown capitals (<c>SI</c>, <c>TK</c>) skipped, and anything else ends them.</summary>
    private void ControlBlocks(List<Word> words, int i, int from)
    {
        int previousEnd = from;
        while (i < words.Count && words[i].IsUpperCase && !words[i].IsCjk
            && !this.text.AsSpan(previousEnd, words[i].Start - previousEnd).ContainsAnyExcept(ControlSeparators))
        {
            if (this.LongestAt(words, i, words.Count, capitalsOnly: true) is { } m && m.Phrase.Role != PhraseRole.Label)
            {
                this.Emit(m.Start, m.End, m.Phrase);
                previousEnd = m.End;
                i = m.Next;
            }
            else
            {
                previousEnd = words[i].End;
                i++;
            }
        }
    }

    private void PortionMarks(int start, int end)
    {
        int opening = this.SkipLinePrefix(start, end);
        if (opening < end && this.text[opening] == '(')
        {
            this.Portion(opening, end, atParagraphStart: true);
        }

        for (int p = this.text.IndexOf('(', start, end - start); p >= 0;
             p = p + 1 < end ? this.text.IndexOf('(', p + 1, end - p - 1) : -1)
        {
            if (p != opening)
            {
                this.Portion(p, end, atParagraphStart: false);
            }
        }
    }

    private void Portion(int open, int end, bool atParagraphStart)
    {
        int limit = Math.Min(end, open + 82);
        int close = this.text.IndexOf(')', open + 1, limit - open - 1);
        if (close < 0 || close == open + 1 || this.text.AsSpan(open + 1, close - open - 1).Contains('('))
        {
            return;
        }

        var content = this.text.AsSpan(open + 1, close - open - 1);
        bool doubleSlash = content.Contains("//", StringComparison.Ordinal);
        if (!atParagraphStart && !content.Contains('/'))
        {
            return;
        }

        if (atParagraphStart && close + 1 < end && !char.IsWhiteSpace(this.text[close + 1]) && this.text[close + 1] is not ('*' or '_'))
        {
            return;
        }

        var segments = this.Segments(open + 1, close);
        if (segments.Count == 0)
        {
            return;
        }

        // The first block is the classification (or a caveat standing alone: "(CUI)").
        var (firstStart, firstEnd) = segments[0];
        string first = this.text[firstStart..firstEnd];
        var classification = MarkingCatalog.PortionClassifications.GetValueOrDefault(first);
        var leadingCaveat = MarkingCatalog.PortionCaveats.GetValueOrDefault(first);
        List<PhraseMatch>? leadingPhrases = null;
        if (classification is null && leadingCaveat is null)
        {
            if (!atParagraphStart && !doubleSlash)
            {
                return;
            }

            leadingPhrases = this.ReadSegment(firstStart, firstEnd, capitalsOnly: !atParagraphStart);
            if (leadingPhrases is null)
            {
                return;
            }
        }
        else if (classification is not null && first.Length == 1 && segments.Count == 1 && this.IsEnumerator(first[0], close + 1, end))
        {
            return;
        }

        var controls = new List<PhraseMatch>();
        for (int s = 1; s < segments.Count; s++)
        {
            var (segmentStart, segmentEnd) = segments[s];
            string block = this.text[segmentStart..segmentEnd];
            if (MarkingCatalog.PortionCaveats.TryGetValue(block, out var caveat))
            {
                controls.Add(new PhraseMatch(segmentStart, segmentEnd, caveat, s));
            }
            else if (this.ReadSegment(segmentStart, segmentEnd, capitalsOnly: true) is { } phrases)
            {
                controls.AddRange(phrases);
            }
            else if (!IsUnknownControl(block))
            {
                return;
            }
        }

        // "(S/NF)" in running text: a single slash needs a known caveat after it to be a portion mark.
        if (!atParagraphStart && !doubleSlash && controls.Count == 0)
        {
            return;
        }

        if (classification is not null)
        {
            this.Emit(open, close + 1, classification);
        }

        if (leadingCaveat is not null)
        {
            this.Emit(open, close + 1, leadingCaveat);
        }

        foreach (var m in leadingPhrases ?? [])
        {
            (int s, int e) = m.Phrase.Role == PhraseRole.Marking ? (open, close + 1) : (m.Start, m.End);
            this.Emit(s, e, m.Phrase);
        }

        this.EmitAll(controls);
    }

    /// <summary>A lone <c>(C)</c>, <c>(S)</c> or <c>(U)</c> is a list letter when the letter before it also opens a paragraph; <c>(C) 2025</c> is a copyright.</summary>
    private bool IsEnumerator(char letter, int after, int end)
    {
        if (this.enumeratorLetters.Contains((char)(letter - 1)))
        {
            return true;
        }

        if (letter != 'C')
        {
            return false;
        }

        var rest = this.text.AsSpan(after, end - after).TrimStart();
        return (rest.Length > 0 && char.IsAsciiDigit(rest[0]))
            || rest.StartsWith("copyright", StringComparison.OrdinalIgnoreCase)
            || rest.StartsWith("crown", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Blocks of a portion mark between slashes, trimmed.</summary>
    private List<(int Start, int End)> Segments(int start, int end)
    {
        var segments = new List<(int, int)>();
        int s = start;
        for (int i = start; i <= end; i++)
        {
            if (i == end || this.text[i] == '/')
            {
                int a = s, b = i;
                while (a < b && char.IsWhiteSpace(this.text[a]))
                {
                    a++;
                }

                while (b > a && char.IsWhiteSpace(this.text[b - 1]))
                {
                    b--;
                }

                if (b > a)
                {
                    segments.Add((a, b));
                }

                s = i + 1;
            }
        }

        return segments;
    }

    private static bool IsUnknownControl(string block) =>
        block.Length <= 40 && char.IsAsciiLetterUpper(block[0]) && block.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c is ' ' or ',' or '-');

    private void JapaneseBracketsIn(int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            char closing = JapaneseBrackets.ClosingFor(this.text[i]);
            if (closing == '\0')
            {
                continue;
            }

            int limit = Math.Min(end, i + 26);
            int close = this.text.IndexOf(closing, i + 1, limit - i - 1);
            if (close < 0)
            {
                continue;
            }

            var words = WordReader.Read(this.text, i + 1, close);
            if (words.Count == 0 || words.Any(w => !w.IsCjk) || !this.OnlySeparators(i + 1, close, words))
            {
                continue;
            }

            if (this.ReadAll(words, this.SkipLabel(words), words.Count, capitalsOnly: false) is { } matches)
            {
                this.EmitAll(matches);
            }
        }
    }

    private void DistinctiveCaveats(List<Word> words)
    {
        for (int i = 0; i < words.Count; i++)
        {
            var w = words[i];
            if (!w.IsUpperCase || w.IsCjk)
            {
                continue;
            }

            bool distinctive = MarkingCatalog.DistinctiveCaveats.Contains(w.Normalized)
                || (w.Normalized == "REL" && this.LongestAt(words, i, words.Count, capitalsOnly: true) is { } rel && rel.Next > i + 2);
            if (distinctive && this.LongestAt(words, i, words.Count, capitalsOnly: true) is { } m)
            {
                this.found.Add(new Detection(m.Start, m.End, m.Phrase.Kind, FindingSeverities.Warning, m.Phrase.SystemFor(this.nationSystem)));
            }
        }
    }

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

    private void EmitAll(IEnumerable<PhraseMatch> matches)
    {
        foreach (var m in matches)
        {
            this.Emit(m.Start, m.End, m.Phrase);
        }
    }

    private void Emit(int start, int end, Phrase phrase)
    {
        if (phrase.Role != PhraseRole.Label)
        {
            this.found.Add(new Detection(start, end, phrase.Kind, phrase.Severity, phrase.SystemFor(this.nationSystem)));
        }
    }

    /// <summary>A phrase found at [Start, End) of the text; <see cref="Next"/> is the index of the word after it.</summary>
    private sealed record PhraseMatch(int Start, int End, Phrase Phrase, int Next);
}
