using System.Buffers;

namespace G7Flows.Workflows.Disclosures.Screening;

// MarkingScanner, continued. The rules that read whole lines: banner lines, the first and last line, control lines and caveats named in prose.
internal sealed partial class MarkingScanner
{
    /// <summary>Markdown decoration and spaces: what may precede a marking at the start of a line or follow it in a title.</summary>
    private static readonly SearchValues<char> Decoration = SearchValues.Create(" \t\u00A0\u3000#>*_`");

    private static readonly SearchValues<char> HardBreaks = SearchValues.Create("|:\u2013\u2014");

    private static readonly SearchValues<char> ControlSeparators = SearchValues.Create(" /,-");

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
}
