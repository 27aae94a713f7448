using System.Buffers;

namespace G7Flows.Workflows.Disclosures.Screening;

/// <summary>The brackets a Japanese marking may stand in: 【極秘】, ［秘］, （取扱注意）, 〔秘〕, and their ASCII forms.</summary>
internal static class JapaneseBrackets
{
    private const string Opening = "【［[（(〔〈《〖＜<";
    private const string Closing = "】］]）)〕〉》〗＞>";

    public static SearchValues<char> Openers { get; } = SearchValues.Create(Opening);

    /// <summary>The bracket that closes <paramref name="c"/>, or <c>'\0'</c> when <paramref name="c"/> opens none.</summary>
    public static char ClosingFor(char c)
    {
        int i = Opening.IndexOf(c, StringComparison.Ordinal);
        return i < 0 ? '\0' : Closing[i];
    }
}
