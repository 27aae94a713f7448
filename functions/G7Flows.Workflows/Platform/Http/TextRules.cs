using System.Text;

namespace G7Flows.Workflows.Platform.Http;

/// <summary>What user text may contain.</summary>
public static class TextRules
{
    /// <summary>
    /// No control characters, no bidirectional overrides or isolates (they can make a title read as something it
    /// is not), no line or paragraph separators, and well-formed UTF-16.
    /// </summary>
    public static bool IsCleanLine(string text) =>
        IsWellFormed(text) && !text.Any(c => char.IsControl(c) || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u2028' or '\u2029');

    /// <summary>Line breaks and tabs allowed; other control characters not; well-formed UTF-16.</summary>
    public static bool IsCleanText(string text) => IsWellFormed(text) && !text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t');

    /// <summary>A short, printable rendering of a bad value for an error message.</summary>
    public static string Printable(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var sb = new StringBuilder();
        foreach (char c in value.Take(20))
        {
            sb.Append(char.IsControl(c) || char.IsSurrogate(c) ? '?' : c);
        }

        return value.Length > 20 ? sb.Append('…').ToString() : sb.ToString();
    }

    private static bool IsWellFormed(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
