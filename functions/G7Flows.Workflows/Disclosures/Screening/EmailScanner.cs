using System.Text.RegularExpressions;

namespace G7Flows.Workflows.Disclosures.Screening;

/// <summary>
/// Finds e-mail addresses: <c>jane.doe@forces.gc.ca</c>, international ones (<c>müller@bundeswehr.de</c>), the
/// full-width at sign of Japanese text (<c>taro＠mod.go.jp</c>) and the usual disguises (<c>name [at] example [dot] org</c>,
/// <c>name(at)bmvg.bund.de</c>). Every one is <see cref="FindingSeverities.Blocking"/>: an address is personal data.
/// </summary>
/// <remarks>
/// The pattern runs on the non-backtracking engine, so its time is linear in the text whatever the text holds. It asks
/// for a domain with at least one dot and a top-level label of letters, so <c>@G7Flows</c>, <c>user@localhost</c> and
/// a price such as <c>2 @ 5 EUR</c> do not match; nor do image names such as <c>logo@2x.png</c>.
/// </remarks>
internal static class EmailScanner
{
    private const string LocalPart = @"[\p{L}\p{N}_%+\-]+(?:\.[\p{L}\p{N}_%+\-]+)*";
    private const string At = @"(?:@|＠|[ \t]?[\[\(\{][ \t]?[aA][tT][ \t]?[\]\)\}][ \t]?)";
    private const string Dot = @"(?:\.|[ \t]?[\[\(\{][ \t]?[dD][oO][tT][ \t]?[\]\)\}][ \t]?)";
    private const string Label = @"[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?";

    private static readonly Regex Address = new(
        LocalPart + At + "(?:" + Label + Dot + ")+" + @"\p{L}{2,63}",
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant,
        TimeSpan.FromSeconds(5));

    private static readonly HashSet<string> FileExtensions = new(StringComparer.OrdinalIgnoreCase) { "png", "jpg", "jpeg", "gif", "svg", "webp", "pdf" };

    public static List<Detection> Scan(string text)
    {
        var found = new List<Detection>();
        foreach (Match m in Address.Matches(text))
        {
            int dot = m.Value.LastIndexOf('.');
            if (dot >= 0 && FileExtensions.Contains(m.Value[(dot + 1)..]))
            {
                continue;
            }

            found.Add(new Detection(m.Index, m.Index + m.Length, FindingKinds.EmailAddress, FindingSeverities.Blocking, System: null));
        }

        return found;
    }
}
