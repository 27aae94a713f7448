using System.Text.Json;
using System.Text.Json.Serialization;

namespace G7Flows.Workflows.Platform.Publishing;

/// <summary>The one set of JSON options for API bodies and published records.</summary>
public static class Json
{
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    /// <summary>
    /// The same, indented, for published documents that people may open. The default encoder escapes &lt; &gt; &amp;
    /// and quotes, so a document read as HTML by mistake is still inert.
    /// </summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            WriteIndented = indented,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
