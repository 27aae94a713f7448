using System.Globalization;
using System.Text.RegularExpressions;

namespace G7Flows.Workflows.Platform.Http;

/// <summary>
/// ISO-8601 durations in weeks, days, hours, minutes and seconds (<c>P1W</c>, <c>P2DT12H</c>, <c>PT10S</c>).
/// Years and months are refused: their length depends on the calendar.
/// </summary>
public static partial class IsoDuration
{
    [GeneratedRegex(@"^P(?:(?<w>[0-9]{1,4})W)?(?:(?<d>[0-9]{1,5})D)?(?:T(?:(?<h>[0-9]{1,6})H)?(?:(?<m>[0-9]{1,7})M)?(?:(?<s>[0-9]{1,9}(?:\.[0-9]{1,3})?)S)?)?\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Pattern();

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text) || text.Length > 40 || text == "P" || text.EndsWith('T'))
        {
            return false;
        }

        Match match = Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        double seconds = (Part(match, "w") * 7 * 86400) + (Part(match, "d") * 86400) + (Part(match, "h") * 3600) + (Part(match, "m") * 60) + Part(match, "s");
        if (seconds > TimeSpan.FromDays(3650).TotalSeconds)
        {
            return false;
        }

        duration = TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));
        return true;
    }

    public static string Format(TimeSpan duration) => System.Xml.XmlConvert.ToString(duration);

    private static double Part(Match match, string name) =>
        match.Groups[name].Success ? double.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
}
