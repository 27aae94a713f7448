using System.Text.Json;
using System.Text.Json.Serialization;

namespace G7Flows.Workflows.Disclosures.Publishing;

/// <summary>The JSON options of published documents: camelCase, indented, nulls written, decimals exact, and the
/// default encoder, which escapes &lt; &gt; &amp; and quotes so that a document read as HTML by mistake is still inert.</summary>
internal static class PublicJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            WriteIndented = true,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
