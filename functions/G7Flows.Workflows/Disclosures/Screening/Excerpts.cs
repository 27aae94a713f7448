namespace G7Flows.Workflows.Disclosures.Screening;

/// <summary>
/// The excerpt of a finding: the finding and up to <see cref="Context"/> characters either side, within its line, with
/// every flagged character masked.
/// </summary>
internal sealed class Excerpts
{
    /// <summary>Characters of context either side of the finding.</summary>
    public const int Context = 16;

    /// <summary>What replaces each flagged character.</summary>
    public const char Mask = '█';

    /// <summary>Marks a cut at either end of the excerpt.</summary>
    public const char Cut = '…';

    private readonly string text;
    private readonly TextLines lines;
    private readonly bool[] masked;

    public Excerpts(string text, TextLines lines, IEnumerable<Detection> detections)
    {
        this.text = text;
        this.lines = lines;
        this.masked = new bool[text.Length];
        foreach (var d in detections)
        {
            Array.Fill(this.masked, true, d.Start, d.End - d.Start);
        }
    }

    public string For(Detection d)
    {
        int line = this.lines.LineOf(d.Start);
        int lineStart = this.lines.StartOf(line), lineEnd = this.lines.EndOf(line);
        int start = Math.Max(lineStart, d.Start - Context);
        int end = Math.Min(lineEnd, Math.Min(d.End, lineEnd) + Context);
        if (start > lineStart && char.IsLowSurrogate(this.text[start]))
        {
            start--;
        }

        if (end < lineEnd && char.IsLowSurrogate(this.text[end]))
        {
            end++;
        }

        var excerpt = new System.Text.StringBuilder(end - start + 2);
        if (start > lineStart)
        {
            excerpt.Append(Cut);
        }

        for (int i = start; i < end; i++)
        {
            char c = this.text[i];
            excerpt.Append(this.masked[i] ? Mask : char.IsControl(c) || char.IsWhiteSpace(c) ? ' ' : c);
        }

        if (end < lineEnd)
        {
            excerpt.Append(Cut);
        }

        return excerpt.ToString();
    }
}
