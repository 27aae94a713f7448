using System.Collections.Frozen;

namespace G7Flows.Workflows.Disclosures.Screening;

/// <summary>
/// Screens the text of a disclosure before any person reviews it: classification markings and handling caveats of
/// every participant's system, NATO's and the EU's (<see cref="MarkingScanner"/>), e-mail addresses
/// (<see cref="EmailScanner"/>) and telephone numbers (<see cref="PhoneScanner"/>). A pure function of its input.
/// </summary>
/// <remarks>
/// Severities: classification markings and handling caveats in banner or portion position, e-mail addresses and
/// telephone numbers are <see cref="FindingSeverities.Blocking"/>. Warnings: <c>NATO UNCLASSIFIED</c> (it still needs
/// release approval), <c>UNCLASSIFIED</c> and the portion marks <c>(U)</c> and <c>(NU)</c> (the text comes from a
/// marked document), and a distinctive caveat such as <c>NOFORN</c> named in running text.
/// Markings are looked for with HTML formatting tags blanked out (<see cref="HtmlMarkup"/>), so a banner pasted with
/// its markup is still found; positions are always those of the text as submitted.
/// </remarks>
public static class DisclosureScreener
{
    private sealed record NationProfile(string System, IReadOnlyList<string> PhoneRegions);

    /// <summary>
    /// Each participant's marking system and the regions whose national telephone formats are recognised (numbers in
    /// international format, <c>+44 20 …</c>, are recognised for every nation). The EU has no telephone region of its
    /// own: its texts are read with Belgium's (Brussels: Council, Commission, EEAS), France's (Strasbourg: Parliament)
    /// and Germany's (Frankfurt: ECB) national formats.
    /// </summary>
    private static readonly FrozenDictionary<string, NationProfile> Profiles = new Dictionary<string, NationProfile>(StringComparer.Ordinal)
    {
        ["CA"] = new(MarkingSystems.Canada, ["CA"]),
        ["FR"] = new(MarkingSystems.France, ["FR"]),
        ["DE"] = new(MarkingSystems.Germany, ["DE"]),
        ["IT"] = new(MarkingSystems.Italy, ["IT"]),
        ["JP"] = new(MarkingSystems.Japan, ["JP"]),
        ["GB"] = new(MarkingSystems.UnitedKingdom, ["GB"]),
        ["US"] = new(MarkingSystems.UnitedStates, ["US"]),
        ["EU"] = new(MarkingSystems.EuropeanUnion, ["BE", "FR", "DE"]),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The nations <see cref="Screen"/> accepts: CA, FR, DE, IT, JP, GB, US and EU.</summary>
    public static IReadOnlyCollection<string> Nations => Profiles.Keys;

    /// <summary>Screens <paramref name="text"/> submitted by <paramref name="nation"/>.</summary>
    /// <param name="text">The disclosure's body (Markdown or plain text).</param>
    /// <param name="nation">The submitting nation: CA, FR, DE, IT, JP, GB, US or EU (upper case).</param>
    /// <returns>Every finding, ordered by line and column.</returns>
    /// <exception cref="ArgumentNullException">A null argument.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A nation that is not one of <see cref="Nations"/>.</exception>
    public static ScreeningResult Screen(string text, string nation)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(nation);
        if (!Profiles.TryGetValue(nation, out var profile))
        {
            throw new ArgumentOutOfRangeException(nameof(nation), nation, $"Expected one of {string.Join(", ", Profiles.Keys)}.");
        }

        var lines = new TextLines(text);
        var detections = new List<Detection>();
        MarkingScanner.Scan(HtmlMarkup.Blank(text), lines, profile.System, detections);
        var emails = EmailScanner.Scan(text);
        detections.AddRange(emails);
        PhoneScanner.Scan(text, lines, profile.PhoneRegions, emails, detections);

        var kept = Detection.Deduplicate(detections);
        var excerpts = new Excerpts(text, lines, kept);
        var findings = new List<ScreeningFinding>(kept.Count);
        foreach (var d in kept)
        {
            int line = lines.LineOf(d.Start);
            findings.Add(new ScreeningFinding(d.Kind, d.Severity, line + 1, d.Start - lines.StartOf(line) + 1, excerpts.For(d), d.System, d.End - d.Start));
        }

        return new ScreeningResult(findings);
    }
}
