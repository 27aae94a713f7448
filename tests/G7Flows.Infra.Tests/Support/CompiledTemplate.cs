using System.Text.Json;
using System.Text.RegularExpressions;

namespace G7Flows.Infra.Tests.Support;

/// <summary>
/// The ARM JSON that <c>bicep build infra/main.bicep</c> wrote next to the test assembly (see the
/// CompileAndLintBicep target in the project file). Modules appear as nested deployments with inline templates.
/// </summary>
internal static partial class CompiledTemplate
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "infra", "main.json");
        Assert.True(File.Exists(path), $"The compiled template {path} is missing: the build runs bicep before compiling the tests.");
        return JsonDocument.Parse(File.ReadAllText(path));
    });

    private static readonly Lazy<IReadOnlyList<TemplateResource>> AllResources = new(() => [.. Walk(Main, module: "")]);

    public static JsonElement Main => Document.Value.RootElement;

    public static string Text => Main.GetRawText();

    /// <summary>Every resource, in main.bicep and in every module.</summary>
    public static IReadOnlyList<TemplateResource> Resources => AllResources.Value;

    public static IEnumerable<TemplateResource> OfType(string type) =>
        Resources.Where(resource => string.Equals(resource.Type, type, StringComparison.OrdinalIgnoreCase));

    public static TemplateResource Single(string type) => Assert.Single(OfType(type));

    /// <summary>The nested deployment of a module declared in main.bicep.</summary>
    public static TemplateResource Module(string name) =>
        Assert.Single(Resources, resource => resource.Type == "Microsoft.Resources/deployments" && resource.Name == name);

    /// <summary>What main.bicep passes to a module's parameter (a literal or an ARM expression).</summary>
    public static JsonElement ModuleParameter(string module, string parameter) =>
        Module(module).Properties.GetProperty("parameters").GetProperty(parameter).GetProperty("value");

    public static JsonElement MainParameter(string name) => Main.GetProperty("parameters").GetProperty(name);

    public static JsonElement Output(string name) => Main.GetProperty("outputs").GetProperty(name);

    /// <summary>A variable's value, following <c>[variables('x')]</c> aliases (loadJsonContent compiles to one).</summary>
    public static JsonElement Variable(JsonElement template, string name)
    {
        var value = template.GetProperty("variables").GetProperty(name);
        if (value.ValueKind == JsonValueKind.String && AliasPattern().Match(value.GetString()!) is { Success: true } alias)
        {
            return Variable(template, alias.Groups["name"].Value);
        }

        return value;
    }

    public static string ExpandStringVariables(JsonElement template, string expression) =>
        VariablePattern().Replace(expression, match =>
        {
            var value = Variable(template, match.Groups["name"].Value);
            return value.ValueKind == JsonValueKind.String ? $"'{value.GetString()}'" : match.Value;
        });

    private static IEnumerable<TemplateResource> Walk(JsonElement template, string module)
    {
        foreach (var resource in template.GetProperty("resources").EnumerateArray())
        {
            var item = new TemplateResource(resource, template, module);
            yield return item;
            if (item.Type == "Microsoft.Resources/deployments")
            {
                foreach (var nested in Walk(item.Properties.GetProperty("template"), item.Name))
                {
                    yield return nested;
                }
            }
        }
    }

    [GeneratedRegex(@"^\[variables\('(?<name>[^']+)'\)\]$")]
    private static partial Regex AliasPattern();

    [GeneratedRegex(@"variables\('(?<name>[^']+)'\)")]
    private static partial Regex VariablePattern();
}
