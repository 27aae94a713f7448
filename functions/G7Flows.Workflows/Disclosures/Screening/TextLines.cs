namespace G7Flows.Workflows.Disclosures.Screening;

/// <summary>
/// The lines of a text: where each starts and ends (without its terminator), and which line holds an offset.
/// A line ends at LF, CRLF or CR, as CommonMark counts them.
/// </summary>
internal sealed class TextLines
{
    private readonly List<int> starts = [0];
    private readonly List<int> ends = [];

    public TextLines(string text)
    {
        int i = 0;
        while (true)
        {
            int next = text.AsSpan(i).IndexOfAny('\r', '\n');
            if (next < 0)
            {
                break;
            }

            i += next;
            this.ends.Add(i);
            i += text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
            this.starts.Add(i);
        }

        this.ends.Add(text.Length);
    }

    public int Count => this.starts.Count;

    public int StartOf(int line) => this.starts[line];

    public int EndOf(int line) => this.ends[line];

    /// <summary>The 0-based line that holds <paramref name="offset"/> (a terminator belongs to the line it ends).</summary>
    public int LineOf(int offset)
    {
        int found = this.starts.BinarySearch(offset);
        return found >= 0 ? found : ~found - 1;
    }
}
