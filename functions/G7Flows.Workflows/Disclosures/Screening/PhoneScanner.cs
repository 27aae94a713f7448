using System.Buffers;
using PhoneNumbers;

namespace G7Flows.Workflows.Disclosures.Screening;

/// <summary>
/// Finds telephone numbers with libphonenumber (<see cref="PhoneNumberUtil.FindNumbers(string, string, PhoneNumberUtil.Leniency, long)"/>),
/// in the national formats of the nation's regions and in international format from anywhere. Every number is
/// <see cref="FindingSeverities.Blocking"/>: it is personal data.
/// </summary>
/// <remarks>
/// <para>
/// Leniency <see cref="PhoneNumberUtil.Leniency.VALID"/>: a number must be valid for its region, which already leaves
/// out years, dates, times, percentages and paragraph numbers. What VALID still accepts and the screening drops:
/// </para>
/// <list type="bullet">
/// <item>numbers written as amounts: digit groups of three after a first group of one to three digits, with one
/// thousands separator (<c>2,900,000,000,000</c>, <c>2.900.000.000</c>, <c>12 345 678 901</c>), optionally with
/// decimals (<c>3989.92</c>, <c>1 234,50</c>); a number in international format (<c>+</c>), with a trunk or
/// international prefix (<c>0</c>) or with brackets is never taken for an amount;</item>
/// <item>a bare run of digits that does not start with 0 (<c>2900000000000</c>, <c>6135550142</c>): in a budget text
/// it is far more often an amount or an identifier than a telephone number;</item>
/// <item>digits that continue an identifier: <c>2025/0142/001</c>, <c>2025-STATE-014233</c>.</item>
/// </list>
/// <para>
/// Speed: libphonenumber examines every digit group it is given, at roughly a millisecond per thousand characters of
/// figures. It is therefore given only short windows around clusters of at least six digits that are not shaped like
/// amounts, so prose and tables of amounts cost almost nothing. A long cluster is read in overlapping chunks, with a
/// bounded number of failed attempts each, so that its cost stays linear; a run of five or more single-digit groups
/// (<c>1 2 3 4 5</c>) cannot lie inside one number and splits a cluster.
/// </para>
/// <para>
/// Known limits: unformatted North American numbers and Italian mobile numbers (<c>6135550142</c>) are not reported;
/// a national number is recognised only in the submitting nation's format (a British <c>020 7946 0958</c> in a
/// Japanese text is not); numbers joined by nothing but spaces (<c>613 555 0142 613 555 0199</c>) or followed directly by
/// more digit groups cannot be told apart and are missed; a number lies within one line. A body made only of dense
/// two-digit groups (<c>12 34 56 …</c>) is the slowest input, at up to about a second per region for 200,000
/// characters.
/// </para>
/// </remarks>
internal static class PhoneScanner
{
    /// <summary>The fewest digits a valid number of the participants has, trunk prefix included.</summary>
    private const int MinimumDigits = 6;

    /// <summary>Context around a cluster: enough to see a word glued before it, and an extension (<c>ext. 1234</c>) after it.</summary>
    private const int ContextBefore = 8;

    private const int ContextAfter = 24;

    /// <summary>
    /// Chunks of a long window overlap by <see cref="ChunkLength"/> − <see cref="ChunkStep"/> = 48 characters, so a
    /// number of up to 40 characters lies wholly in some chunk, at least <see cref="ChunkMargin"/> from its inner cuts;
    /// matches nearer a cut than that are left to the neighbouring chunk.
    /// </summary>
    private const int ChunkLength = 96;

    private const int ChunkStep = 48;

    private const int ChunkMargin = 4;

    /// <summary>Failed attempts libphonenumber may make in one chunk and region (found numbers do not count).</summary>
    private const long MaxTries = 10;

    /// <summary>Characters libphonenumber accepts between the digits of one number (besides digits).</summary>
    private static readonly SearchValues<char> Joiners = SearchValues.Create(
        " \t\u00A0\u2007\u202F\u3000+＋()（）[]［］-\u2010\u2011\u2012\u2013\u2014\u2015\u2212ー－./／~～\u223C\u2053\u00AD\u200B\u2060");

    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789０１２３４５６７８９");

    private static readonly SearchValues<char> ThousandsSeparators = SearchValues.Create(",. '\u00A0\u202F\u2019");

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>Adds the numbers of <paramref name="text"/> that overlap none of <paramref name="exclude"/> (e-mail addresses) to <paramref name="found"/>.</summary>
    public static void Scan(string text, TextLines lines, IReadOnlyList<string> regions, IReadOnlyList<Detection> exclude, List<Detection> found)
    {
        var windows = CandidateWindows(text, lines);
        if (windows.Count == 0)
        {
            return;
        }

        var byStart = new Dictionary<int, Detection>();
        foreach (var (windowStart, windowEnd) in windows)
        {
            // A long run of digits is read in overlapping chunks, so that the time stays linear in its length; a number
            // that touches a cut is read whole in the neighbouring chunk.
            for (int chunkStart = windowStart; ; chunkStart += ChunkStep)
            {
                int chunkEnd = Math.Min(windowEnd, chunkStart + ChunkLength);
                int from = chunkStart > windowStart ? chunkStart + ChunkMargin : chunkStart;
                int to = chunkEnd < windowEnd ? chunkEnd - ChunkMargin : chunkEnd;
                FindIn(text, chunkStart, chunkEnd, from, to, regions, exclude, byStart);
                if (chunkEnd == windowEnd)
                {
                    break;
                }
            }
        }

        found.AddRange(byStart.Values);
    }

    /// <summary>Adds the numbers libphonenumber finds in [start, end) that lie within [from, to).</summary>
    private static void FindIn(string text, int start, int end, int from, int to, IReadOnlyList<string> regions, IReadOnlyList<Detection> exclude, Dictionary<int, Detection> byStart)
    {
        string window = text[start..end];
        foreach (string region in regions)
        {
            foreach (var match in Util.FindNumbers(window, region, PhoneNumberUtil.Leniency.VALID, MaxTries))
            {
                var d = new Detection(start + match.Start, start + match.Start + match.Length, FindingKinds.PhoneNumber, FindingSeverities.Blocking, System: null);
                if (d.Start < from || d.End > to || LooksLikeAmount(match.RawString) || ContinuesIdentifier(text, d.Start, d.End) || exclude.Any(e => e.Overlaps(d)))
                {
                    continue;
                }

                if (!byStart.TryGetValue(d.Start, out var known) || known.End < d.End)
                {
                    byStart[d.Start] = d;
                }
            }
        }
    }

    /// <summary>Windows (merged where they overlap) around groups of digits that could be a telephone number.</summary>
    private static List<(int Start, int End)> CandidateWindows(string text, TextLines lines)
    {
        var windows = new List<(int Start, int End)>();
        var groups = new List<(int Start, int End)>();
        int i = 0;
        while (i < text.Length)
        {
            int next = text.AsSpan(i).IndexOfAny(Digits);
            if (next < 0)
            {
                break;
            }

            // A cluster: digit groups joined by what may separate the digits of one number.
            int end = i + next;
            groups.Clear();
            while (end < text.Length && (Digits.Contains(text[end]) || Joiners.Contains(text[end])))
            {
                int groupStart = end;
                while (end < text.Length && Digits.Contains(text[end]))
                {
                    end++;
                }

                if (end > groupStart)
                {
                    groups.Add((groupStart, end));
                }
                else
                {
                    end++;
                }
            }

            i = end;
            foreach (var (first, last) in SplitAtSingleDigitRuns(groups))
            {
                AddWindow(text, lines, groups, first, last, windows);
            }
        }

        return windows;
    }

    /// <summary>
    /// No telephone number has more than two single-digit groups in a row (<c>+33 (0) 1 23 …</c> has two), so a run of
    /// five or more (<c>1 2 3 4 5</c>, <c>0-0-0-0-0</c>) separates numbers: its middle is dropped and the cluster is read
    /// as the parts before and after it.
    /// </summary>
    private static List<(int First, int Last)> SplitAtSingleDigitRuns(List<(int Start, int End)> groups)
    {
        var parts = new List<(int First, int Last)>();
        int from = 0, g = 0;
        while (g < groups.Count)
        {
            int run = g;
            while (run < groups.Count && groups[run].End - groups[run].Start == 1)
            {
                run++;
            }

            if (run - g >= 5)
            {
                parts.Add((from, g + 1));
                from = run - 2;
            }

            g = Math.Max(run, g + 1);
        }

        parts.Add((from, groups.Count - 1));
        return parts;
    }

    private static void AddWindow(string text, TextLines lines, List<(int Start, int End)> groups, int first, int last, List<(int Start, int End)> windows)
    {
        int digits = 0;
        for (int g = first; g <= last; g++)
        {
            digits += groups[g].End - groups[g].Start;
        }

        int start = groups[first].Start, end = groups[last].End;
        while (start > 0 && text[start - 1] is '+' or '＋' or '(' or '（')
        {
            start--;
        }

        if (digits < MinimumDigits || LooksLikeAmount(text.AsSpan(start, end - start)))
        {
            return;
        }

        int line = lines.LineOf(start);
        int lineStart = lines.StartOf(line), lineEnd = lines.EndOf(line);
        int windowStart = start;
        while (windowStart > lineStart && start - windowStart < ContextBefore && !Digits.Contains(text[windowStart - 1]))
        {
            windowStart--;
        }

        int windowEnd = Math.Min(lineEnd, end + ContextAfter);
        if (windows.Count > 0 && windows[^1].End >= windowStart)
        {
            windows[^1] = (windows[^1].Start, Math.Max(windows[^1].End, windowEnd));
        }
        else
        {
            windows.Add((windowStart, windowEnd));
        }
    }

    /// <summary>A figure rather than a telephone number: <c>2,900,000,000,000</c>, <c>1.234,50</c>, <c>2025</c>, <c>3989.92</c>.</summary>
    internal static bool LooksLikeAmount(ReadOnlySpan<char> raw)
    {
        raw = raw.Trim();
        if (raw.IsEmpty || !char.IsDigit(raw[0]) || raw[0] is '0' or '０' || !char.IsDigit(raw[^1]))
        {
            return false;
        }

        var groups = new List<int>();
        var separators = new List<char>();
        int length = 0;
        foreach (char c in raw)
        {
            if (char.IsDigit(c))
            {
                length++;
                continue;
            }

            if (!ThousandsSeparators.Contains(c) || length == 0)
            {
                return false;
            }

            groups.Add(length);
            separators.Add(c);
            length = 0;
        }

        groups.Add(length);
        if (groups.Count == 1)
        {
            return true;
        }

        // Decimals: a last group of one or two digits after '.' or ','.
        int integerGroups = groups.Count;
        if (groups[^1] <= 2 && separators[^1] is '.' or ',')
        {
            integerGroups--;
        }

        if (integerGroups == 1)
        {
            return true;
        }

        if (groups[0] > 3)
        {
            return false;
        }

        for (int g = 1; g < integerGroups; g++)
        {
            if (groups[g] != 3 || separators[g - 1] != separators[0])
            {
                return false;
            }
        }

        return integerGroups == groups.Count || separators[^1] != separators[0];
    }

    /// <summary>Digits joined to a preceding word or number by <c>/</c>, <c>-</c> or <c>_</c>, or followed by <c>/</c> and more.</summary>
    private static bool ContinuesIdentifier(string text, int start, int end)
    {
        bool joinedBefore = start >= 2 && text[start - 1] is '/' or '-' or '_' && char.IsLetterOrDigit(text[start - 2]);
        bool joinedAfter = end + 1 < text.Length && text[end] == '/' && char.IsLetterOrDigit(text[end + 1]);
        return joinedBefore || joinedAfter;
    }
}
