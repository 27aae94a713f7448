namespace G7Flows.Workflows.Disclosures.Screening;

/// <summary>How much a screening finding weighs, as the wire names that appear in <see cref="ScreeningFinding.Severity"/>.</summary>
public static class FindingSeverities
{
    /// <summary>The disclosure cannot be released with this in it: it goes back to the submitter before any person reviews it.</summary>
    public const string Blocking = "blocking";

    /// <summary>Shown to the reviewers, who decide; it does not stop the disclosure on its own.</summary>
    public const string Warning = "warning";

    /// <summary>Every severity, the heavier first.</summary>
    public static IReadOnlyList<string> All { get; } = [Blocking, Warning];
}
