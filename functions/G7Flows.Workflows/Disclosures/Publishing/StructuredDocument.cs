using System.Text.Json.Serialization;

namespace G7Flows.Workflows.Disclosures.Publishing;

/// <summary>
/// A revision's Markdown as a small tree of blocks and inlines that a page builds element by element, every string as
/// text: nothing in it is HTML. Built by <see cref="MarkdownStructure"/>.
/// </summary>
/// <param name="Blocks">The top-level blocks in the order of the text.</param>
public sealed record StructuredDocument(IReadOnlyList<StructuredBlock> Blocks);

/// <summary>
/// A block: <c>heading</c> (<see cref="Level"/>, <see cref="Inlines"/>), <c>paragraph</c> (<see cref="Inlines"/>),
/// <c>list</c> (<see cref="Ordered"/>, <see cref="Start"/>, <see cref="Items"/>), <c>quote</c> (<see cref="Blocks"/>),
/// <c>code</c> (<see cref="Inlines"/>: its lines as text runs), <c>rule</c>, or <c>table</c> (<see cref="Rows"/>).
/// Members that a kind does not use are left out of the JSON.
/// </summary>
/// <param name="Type">The kind of block.</param>
public sealed record StructuredBlock(string Type)
{
    /// <summary>A heading's level as written, 1 to 6.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Level { get; init; }

    /// <summary>For a list: numbered (true) or bulleted.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Ordered { get; init; }

    /// <summary>For a numbered list, its first number.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Start { get; init; }

    /// <summary>The inline content of a heading, paragraph or code block.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<StructuredInline>? Inlines { get; init; }

    /// <summary>The blocks of a quote.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<StructuredBlock>? Blocks { get; init; }

    /// <summary>A list's items, each a sequence of blocks.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<IReadOnlyList<StructuredBlock>>? Items { get; init; }

    /// <summary>A table's rows, header rows first.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<StructuredRow>? Rows { get; init; }
}

/// <summary>A table row.</summary>
/// <param name="Header">True for a header row.</param>
/// <param name="Cells">Each cell's inline content.</param>
public sealed record StructuredRow(bool Header, IReadOnlyList<IReadOnlyList<StructuredInline>> Cells);

/// <summary>
/// An inline: a run of <c>text</c> or <c>code</c> (<see cref="Text"/>, <see cref="Offset"/>, <see cref="Length"/>), a
/// hard line <c>break</c>, or <c>emphasis</c>, <c>strong</c>, <c>strike</c> and <c>link</c> (<see cref="Href"/>) around
/// <see cref="Children"/>.
/// </summary>
/// <param name="Type">The kind of inline.</param>
public sealed record StructuredInline(string Type)
{
    /// <summary>A run's text, to be shown as text.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    /// <summary>
    /// Where the run stands in the Markdown source (UTF-16 index); null for text that is not in the source (a bare
    /// image address shown as its link's text).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Offset { get; init; }

    /// <summary>
    /// How many source characters the run stands for. When it equals the text's length, the text is exactly the
    /// source's characters from <see cref="Offset"/>, one for one; otherwise (an entity such as <c>&amp;amp;</c>, a
    /// CRLF line break) the run stands for that whole span.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Length { get; init; }

    /// <summary>A link's address: always http, https or mailto.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Href { get; init; }

    /// <summary>The inlines inside emphasis, strong, strike or a link.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<StructuredInline>? Children { get; init; }
}
