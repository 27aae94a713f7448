using System.Globalization;
using System.Text;

namespace G7Flows.Workflows.Disclosures.Screening;

/// <summary>A word of a line: a run of letters and digits, or a run of Japanese characters.</summary>
/// <param name="Start">Offset of the first character in the text.</param>
/// <param name="End">Offset after the last character.</param>
/// <param name="Normalized">Upper case without accents for Latin script (<c>Très</c> is <c>TRES</c>); Japanese as written.</param>
/// <param name="IsUpperCase">No lower-case letter in it (Japanese has no case and counts as upper case).</param>
/// <param name="IsCjk">A run of kanji, hiragana or katakana, which Japanese writes without spaces.</param>
internal readonly record struct Word(int Start, int End, string Normalized, bool IsUpperCase, bool IsCjk);

/// <summary>Splits a line into <see cref="Word"/>s; everything between words is a separator.</summary>
internal static class WordReader
{
    private const char LatinFoldStart = '\u00C0';

    /// <summary>U+00C0 to U+017F folded to upper-case base letters; '2' marks a letter that folds to two (Æ, Œ, Þ, ß, Ĳ).</summary>
    private const string LatinFold =
        "AAAAAA2CEEEEIIIIDNOOOOO\u00D7OUUUUY22" + "AAAAAA2CEEEEIIIIDNOOOOO\u00F7OUUUUY2Y"
        + "AAAAAA" + "CCCCCCCC" + "DDDD" + "EEEEEEEEEE" + "GGGGGGGG" + "HHHH" + "IIIIIIIIII" + "22" + "JJ" + "KKK"
        + "LLLLLLLLLL" + "NNNNNNNNN" + "OOOOOO" + "22" + "RRRRRR" + "SSSSSSSS" + "TTTTTT" + "UUUUUUUUUUUU" + "WW" + "YYY"
        + "ZZZZZZ" + "S";

    public static List<Word> Read(string text, int start, int end)
    {
        var words = new List<Word>();
        int i = start;
        while (i < end)
        {
            char c = text[i];
            int s = i;
            if (IsCjk(c))
            {
                while (i < end && IsCjk(text[i]))
                {
                    i++;
                }

                words.Add(new Word(s, i, text[s..i], IsUpperCase: true, IsCjk: true));
            }
            else if (char.IsLetterOrDigit(c))
            {
                bool lower = false;
                while (i < end && (char.IsLetterOrDigit(text[i]) || IsCombiningMark(text[i])) && !IsCjk(text[i]))
                {
                    lower |= char.IsLower(text[i]);
                    i++;
                }

                words.Add(new Word(s, i, Fold(text.AsSpan(s, i - s)), IsUpperCase: !lower, IsCjk: false));
            }
            else
            {
                i++;
            }
        }

        return words;
    }

    /// <summary>Kanji, hiragana, katakana (full and half width) and the iteration mark 々; not the katakana middle dot.</summary>
    public static bool IsCjk(char c) =>
        c is (>= '\u3040' and <= '\u30FF' and not '\u30FB') or (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF')
            or (>= '\uF900' and <= '\uFAFF') or (>= '\uFF66' and <= '\uFF9F') or '\u3005';

    /// <summary>
    /// Upper case without accents: <c>Défense</c>, <c>DÉFENSE</c> and <c>De\u0301fense</c> all read <c>DEFENSE</c>, <c>für</c>
    /// reads <c>FUR</c>. The text is folded with a table of the Latin-1 and Latin Extended-A letters, which covers every
    /// language of the participants, because Unicode normalization is not available under invariant globalization.
    /// </summary>
    public static string Fold(ReadOnlySpan<char> word)
    {
        if (!word.ContainsAnyExceptInRange('\0', '\u007F'))
        {
            return word.ToString().ToUpperInvariant();
        }

        var sb = new StringBuilder(word.Length + 2);
        foreach (char c in word)
        {
            if (IsCombiningMark(c))
            {
                continue;
            }

            int i = c - LatinFoldStart;
            char folded = i >= 0 && i < LatinFold.Length ? LatinFold[i] : char.ToUpperInvariant(c);
            switch (folded)
            {
                case '2':
                    sb.Append(c is 'Æ' or 'æ' ? "AE" : c is 'Œ' or 'œ' ? "OE" : c is 'Þ' or 'þ' ? "TH" : c is 'ß' ? "SS" : "IJ");
                    break;
                default:
                    sb.Append(folded);
                    break;
            }
        }

        return sb.ToString();
    }

    private static bool IsCombiningMark(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
}
