using DiffPlex;
using DiffPlex.Chunkers;
using DiffPlex.Model;

namespace G7Flows.Workflows.Disclosures.Domain;

/// <summary>How a line or a word of a revision differs from the earlier text.</summary>
public static class DiffChanges
{
    public const string Unchanged = "unchanged";
    public const string Inserted = "inserted";
    public const string Deleted = "deleted";

    public static IReadOnlyList<string> All { get; } = [Unchanged, Inserted, Deleted];
}

/// <summary>A run of words of a changed line: unchanged, or inserted (on an inserted line) or deleted (on a deleted line).</summary>
public sealed record DiffWord(string Change, string Text);

/// <summary>
/// One line of a unified diff. A line that was changed rather than added or removed appears twice, deleted then
/// inserted, and both carry <paramref name="Words"/>: which of its words changed. Lines added or removed whole carry no words.
/// </summary>
/// <param name="Change">One of <see cref="DiffChanges"/>.</param>
/// <param name="OldLine">The 1-based line number in the earlier text; null for an inserted line.</param>
/// <param name="NewLine">The 1-based line number in the later text; null for a deleted line.</param>
/// <param name="Text">The line's text, without its line break.</param>
/// <param name="Words">For a changed line, its text as runs of unchanged and changed words; else null.</param>
public sealed record DiffLine(string Change, int? OldLine, int? NewLine, string Text, IReadOnlyList<DiffWord>? Words);

/// <summary>The line counts of a diff.</summary>
public sealed record DiffCounts(int Unchanged, int Inserted, int Deleted);

/// <summary>
/// The differences between two texts of a disclosure, line by line and, within a changed line, word by word, computed
/// with DiffPlex (Myers' algorithm). White space and case count: in Markdown both can change what is published.
/// </summary>
public static class RevisionDiff
{
    /// <summary>
    /// Above this many lines in the two texts together only lines are compared, not words: the line comparison is what
    /// a reviewer needs, and it keeps the work proportional to the texts.
    /// </summary>
    public const int MaxLinesForWordDiff = 4_000;

    /// <summary>
    /// Myers' algorithm takes time proportional to the lines times the differences: two 200,000-character texts of 28,000
    /// distinct short lines each took 4.7 s. Where the lines that differ (after the common beginning and end) number more
    /// than this in the two texts together, that middle is shown as removed and added whole: still a true account of the
    /// change, found in linear time; at the limit the comparison takes about 0.2 s. Documents of ordinary lines never
    /// come near it (200,000 characters of 80-character lines are 2,500 lines, compared entirely rewritten in 24 ms).
    /// </summary>
    public const int MaxLinesCompared = 8_000;

    private static readonly IChunker Lines = new CustomFunctionChunker(text => text.Length == 0 ? [] : text.Split('\n'));

    private static readonly IChunker Words = new WordChunker();

    /// <summary>Compares <paramref name="before"/> with <paramref name="after"/>.</summary>
    /// <returns>The lines of a unified diff in the order of the texts (in each changed block the removed lines, then the added ones), and their counts.</returns>
    public static (IReadOnlyList<DiffLine> Lines, DiffCounts Counts) Compare(string before, string after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        before = Normalise(before);
        after = Normalise(after);
        if (ReplacedWhole(before, after) is { } replaced)
        {
            return replaced;
        }

        DiffResult result = Differ.Instance.CreateDiffs(before, after, ignoreWhiteSpace: false, ignoreCase: false, Lines);
        IReadOnlyList<string> old = result.PiecesOld, @new = result.PiecesNew;
        bool words = old.Count + @new.Count <= MaxLinesForWordDiff;

        var lines = new List<DiffLine>(Math.Max(old.Count, @new.Count) + 8);
        int a = 0, b = 0, unchanged = 0;
        foreach (DiffBlock block in result.DiffBlocks)
        {
            for (; a < block.DeleteStartA; a++, b++)
            {
                lines.Add(new DiffLine(DiffChanges.Unchanged, a + 1, b + 1, old[a], null));
                unchanged++;
            }

            // A line removed and a line added at the same place of a block are one changed line: compare their words.
            int paired = words ? Math.Min(block.DeleteCountA, block.InsertCountB) : 0;
            var pairs = new (List<DiffWord> Deleted, List<DiffWord> Inserted)[paired];
            for (int i = 0; i < paired; i++)
            {
                pairs[i] = CompareWords(old[block.DeleteStartA + i], @new[block.InsertStartB + i]);
            }

            for (int i = 0; i < block.DeleteCountA; i++)
            {
                lines.Add(new DiffLine(DiffChanges.Deleted, block.DeleteStartA + i + 1, null, old[block.DeleteStartA + i], i < paired ? pairs[i].Deleted : null));
            }

            for (int i = 0; i < block.InsertCountB; i++)
            {
                lines.Add(new DiffLine(DiffChanges.Inserted, null, block.InsertStartB + i + 1, @new[block.InsertStartB + i], i < paired ? pairs[i].Inserted : null));
            }

            a = block.DeleteStartA + block.DeleteCountA;
            b = block.InsertStartB + block.InsertCountB;
        }

        for (; a < old.Count; a++, b++)
        {
            lines.Add(new DiffLine(DiffChanges.Unchanged, a + 1, b + 1, old[a], null));
            unchanged++;
        }

        return (lines, new DiffCounts(unchanged, @new.Count - unchanged, old.Count - unchanged));
    }

    /// <summary>The diff with the differing middle removed and added whole, when it is too long to compare line by line; else null.</summary>
    private static (IReadOnlyList<DiffLine> Lines, DiffCounts Counts)? ReplacedWhole(string before, string after)
    {
        IReadOnlyList<string> old = Lines.Chunk(before), @new = Lines.Chunk(after);
        int prefix = 0;
        while (prefix < old.Count && prefix < @new.Count && old[prefix] == @new[prefix])
        {
            prefix++;
        }

        int suffix = 0;
        while (suffix < old.Count - prefix && suffix < @new.Count - prefix && old[old.Count - suffix - 1] == @new[@new.Count - suffix - 1])
        {
            suffix++;
        }

        int deleted = old.Count - prefix - suffix, inserted = @new.Count - prefix - suffix;
        if (deleted + inserted <= MaxLinesCompared)
        {
            return null;
        }

        var lines = new List<DiffLine>(old.Count + inserted);
        for (int i = 0; i < prefix; i++)
        {
            lines.Add(new DiffLine(DiffChanges.Unchanged, i + 1, i + 1, old[i], null));
        }

        for (int i = prefix; i < prefix + deleted; i++)
        {
            lines.Add(new DiffLine(DiffChanges.Deleted, i + 1, null, old[i], null));
        }

        for (int i = prefix; i < prefix + inserted; i++)
        {
            lines.Add(new DiffLine(DiffChanges.Inserted, null, i + 1, @new[i], null));
        }

        for (int i = 0; i < suffix; i++)
        {
            lines.Add(new DiffLine(DiffChanges.Unchanged, old.Count - suffix + i + 1, @new.Count - suffix + i + 1, old[old.Count - suffix + i], null));
        }

        return (lines, new DiffCounts(prefix + suffix, inserted, deleted));
    }

    /// <summary>The words of a changed line: on the old side what was removed, on the new side what was added, and what stayed.</summary>
    private static (List<DiffWord> Deleted, List<DiffWord> Inserted) CompareWords(string before, string after)
    {
        DiffResult result = Differ.Instance.CreateDiffs(before, after, ignoreWhiteSpace: false, ignoreCase: false, Words);
        return (Runs(result.PiecesOld, result.DiffBlocks.Select(d => (d.DeleteStartA, d.DeleteCountA)), DiffChanges.Deleted),
            Runs(result.PiecesNew, result.DiffBlocks.Select(d => (d.InsertStartB, d.InsertCountB)), DiffChanges.Inserted));
    }

    private static List<DiffWord> Runs(IReadOnlyList<string> pieces, IEnumerable<(int Start, int Count)> changed, string change)
    {
        var isChanged = new bool[pieces.Count];
        foreach (var (start, count) in changed)
        {
            Array.Fill(isChanged, true, start, count);
        }

        var runs = new List<DiffWord>();
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < pieces.Count; i++)
        {
            text.Append(pieces[i]);
            if (i + 1 == pieces.Count || isChanged[i + 1] != isChanged[i])
            {
                runs.Add(new DiffWord(isChanged[i] ? change : DiffChanges.Unchanged, text.ToString()));
                text.Clear();
            }
        }

        return runs;
    }

    /// <summary>Line breaks as LF, so that a text saved with CRLF does not differ on every line.</summary>
    private static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
}
