namespace G7Flows.Workflows.Disclosures.Publishing;

/// <summary>
/// The ids a public address may carry: 1 to 64 ASCII letters, digits, hyphens and underscores. Anything else (a dot, a
/// slash, percent-encoding) is never published, so the public routes answer 404 without touching storage, and no id
/// can name <c>feed.atom</c> or step outside its blob folder.
/// </summary>
public static class PublicDisclosureIds
{
    /// <summary>The longest id accepted.</summary>
    public const int MaxLength = 64;

    /// <summary>True for an id that can be published and looked up.</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: > 0 and <= MaxLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
