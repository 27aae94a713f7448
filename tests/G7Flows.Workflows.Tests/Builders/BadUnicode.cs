namespace G7Flows.Workflows.Tests.Builders;

/// <summary>
/// Ill-formed UTF-16 for validation tables. Attribute arguments are stored as UTF-8, where a lone surrogate cannot
/// survive, so tables name the case and the text is built here.
/// </summary>
internal static class BadUnicode
{
    private static readonly Dictionary<string, string> Cases = new(StringComparer.Ordinal)
    {
        ["a lone high surrogate"] = "Atlantic \uD800 Shield",
        ["a lone low surrogate"] = "Atlantic \uDC00 Shield",
        ["a high surrogate at the end"] = "Shield \uD83D",
        ["a pair in the wrong order"] = "Shield \uDE00\uD83D",
    };

    /// <summary>The text of a named case; any other text is returned as it is.</summary>
    public static string Text(string situation) => Cases.GetValueOrDefault(situation, situation);
}
