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
internal sealed partial class MarkingScanner
{
    /// <summary>What may stand between the words of a banner line, around them, or inside a Japanese bracket.</summary>
    private static readonly SearchValues<char> BannerSeparators = SearchValues.Create(
        " \t\u00A0\u2007\u202F\u3000/\\-\u2010\u2011\u2012\u2013\u2014\u2015,;:|*_#>`~=()[]【】（）［］〔〕〈〉《》〖〗・、／：，");

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
