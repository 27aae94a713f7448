namespace G7Flows.Workflows.Disclosures.Screening;

/// <summary>A flagged span of the text, before it becomes a <see cref="ScreeningFinding"/> with line, column and excerpt.</summary>
internal readonly record struct Detection(int Start, int End, string Kind, string Severity, string? System)
{
    public bool Overlaps(Detection other) => this.Start < other.End && other.Start < this.End;

    /// <summary>
    /// Keeps one detection where several rules flagged the same thing: of overlapping detections of one kind, the
    /// earliest (then the longest, then the blocking one) stays. Detections of different kinds may overlap: a portion
    /// mark <c>(S//NF)</c> is both a marking and a caveat.
    /// </summary>
    public static List<Detection> Deduplicate(List<Detection> detections)
    {
        detections.Sort(static (a, b) =>
        {
            int c = a.Start.CompareTo(b.Start);
            if (c != 0)
            {
                return c;
            }

            c = b.End.CompareTo(a.End);
            return c != 0 ? c : SeverityRank(a.Severity).CompareTo(SeverityRank(b.Severity));
        });

        var kept = new List<Detection>(detections.Count);
        var lastEndByKind = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var d in detections)
        {
            if (lastEndByKind.TryGetValue(d.Kind, out int end) && d.Start < end)
            {
                continue;
            }

            kept.Add(d);
            lastEndByKind[d.Kind] = d.End;
        }

        return kept;
    }

    private static int SeverityRank(string severity) => severity == FindingSeverities.Blocking ? 0 : 1;
}
