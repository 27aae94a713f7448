namespace G7Flows.Workflows.Disclosures.Screening;

// MarkingScanner, continued. The rules for parentheses and brackets: portion marks and Japanese markings in brackets.
internal sealed partial class MarkingScanner
{
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
}
