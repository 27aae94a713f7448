namespace G7Flows.Workflows.Disclosures.Screening;

/// <summary>What the screening of one revision of a disclosure found, in the order of the text.</summary>
/// <param name="Findings">Every finding, ordered by line and column.</param>
public sealed record ScreeningResult(IReadOnlyList<ScreeningFinding> Findings)
{
    /// <summary>True when any finding is <see cref="FindingSeverities.Blocking"/>: the disclosure goes back to the submitter.</summary>
    public bool IsBlocked => this.Findings.Any(f => f.Severity == FindingSeverities.Blocking);
}

/// <summary>One thing the screening found in a disclosure's text.</summary>
/// <param name="Kind">One of <see cref="FindingKinds"/>.</param>
/// <param name="Severity">One of <see cref="FindingSeverities"/>.</param>
/// <param name="Line">1-based line of the finding's first character; lines end at LF, CRLF or CR.</param>
/// <param name="Column">1-based column of the finding's first character, counted in UTF-16 code units (as a C# string index).</param>
/// <param name="Excerpt">
/// About 40 characters of the line around the finding, on one line, with every flagged span in it (this finding's
/// and any other) replaced by <c>█</c> characters, so the excerpt never repeats what was flagged; <c>…</c> marks a cut.
/// </param>
/// <param name="System">For markings and caveats, the classification system (one of <see cref="MarkingSystems"/>); null for personal data.</param>
/// <param name="Length">
/// How many UTF-16 code units the flagged span has from its first character, so that a reader can mark it in the text;
/// null in findings stored before it was recorded.
/// </param>
public sealed record ScreeningFinding(string Kind, string Severity, int Line, int Column, string Excerpt, string? System, int? Length = null);
