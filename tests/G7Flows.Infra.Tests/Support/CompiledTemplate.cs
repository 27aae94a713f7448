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

    /// <summary>The compiled template of a module declared in main.bicep.</summary>
    public static JsonElement ModuleTemplate(string name) => Module(name).Properties.GetProperty("template");

    /// <summary>The resources a module declares (not those of main.bicep or of other modules).</summary>
    public static IEnumerable<TemplateResource> ResourcesOf(string module) => Resources.Where(resource => resource.Module == module);

    /// <summary>The one resource of a type that a module declares.</summary>
    public static TemplateResource SingleIn(string module, string type) =>
        Assert.Single(ResourcesOf(module), resource => string.Equals(resource.Type, type, StringComparison.OrdinalIgnoreCase));

    /// <summary>The expression of a module's output.</summary>
    public static string ModuleOutput(string module, string output) =>
        ModuleTemplate(module).GetProperty("outputs").GetProperty(output).GetProperty("value").GetString()!;

    /// <summary>
    /// What main.bicep passes to a module's parameter (a literal or an ARM expression). A conditional value
    /// compiles to one expression for the whole parameter, <c>[if(c, createObject('value', a), createObject('value', b))]</c>,
    /// which is returned as it is.
    /// </summary>
    public static JsonElement ModuleParameter(string module, string parameter)
    {
        var passed = Module(module).Properties.GetProperty("parameters").GetProperty(parameter);
        return passed.ValueKind == JsonValueKind.Object ? passed.GetProperty("value") : passed;
    }

    public static JsonElement MainParameter(string name) => Main.GetProperty("parameters").GetProperty(name);

    public static JsonElement Output(string name) => Main.GetProperty("outputs").GetProperty(name);

    /// <summary>A variable's value, following <c>[variables('x')]</c> aliases (loadJsonContent compiles to one).</summary>
    public static JsonElement Variable(JsonElement template, string name) =>
        Resolve(template, template.GetProperty("variables").GetProperty(name));

    /// <summary>
    /// The value behind an expression that only reads a variable, <c>[variables('x')]</c> or
    /// <c>[variables('x').a.b]</c>, followed through aliases; any other value as it is.
    /// </summary>
    public static JsonElement Resolve(JsonElement template, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String || VariableReadPattern().Match(value.GetString()!) is not { Success: true } read)
        {
            return value;
        }

        var resolved = Variable(template, read.Groups["name"].Value);
        foreach (var member in read.Groups["path"].Value.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            resolved = Resolve(template, resolved.GetProperty(member));
        }

        return resolved;
    }

    /// <summary>The strings of an array value, each resolved like <see cref="Resolve"/>.</summary>
    public static List<string> Strings(JsonElement template, JsonElement value) =>
        [.. Resolve(template, value).EnumerateArray().Select(item => Resolve(template, item).GetString()!)];

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

    [GeneratedRegex(@"^\[variables\('(?<name>[^']+)'\)(?<path>(\.[A-Za-z_$][A-Za-z0-9_$#]*)*)\]$")]
    private static partial Regex VariableReadPattern();

    [GeneratedRegex(@"variables\('(?<name>[^']+)'\)")]
    private static partial Regex VariablePattern();
}
