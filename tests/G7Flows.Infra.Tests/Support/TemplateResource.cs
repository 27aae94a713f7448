using System.Text.Json;

namespace G7Flows.Infra.Tests.Support;

/// <summary>
/// One resource of the compiled ARM template, with the (possibly nested) template that declares it, so that
/// its parameters and variables can be looked up.
/// </summary>
internal sealed record TemplateResource(JsonElement Json, JsonElement Template, string Module)
{
    public string Type => this.Json.GetProperty("type").GetString()!;

    public string Name => this.Json.GetProperty("name").GetString()!;

    public string? Condition => this.Json.TryGetProperty("condition", out var condition) ? condition.GetString() : null;

    public JsonElement Properties => this.Json.GetProperty("properties");

    /// <summary>The scope of an extension resource (a role assignment, a diagnostic setting), or null.</summary>
    public string? Scope => this.Json.TryGetProperty("scope", out var scope) ? scope.GetString() : null;

    /// <summary>The resource ids this resource waits for.</summary>
    public IReadOnlyList<string> DependsOn =>
        this.Json.TryGetProperty("dependsOn", out var dependsOn) ? [.. dependsOn.EnumerateArray().Select(item => item.GetString()!)] : [];

    /// <summary>The value of a string variable of the declaring template, following <c>[variables('x')]</c> aliases.</summary>
    public JsonElement Variable(string name) => CompiledTemplate.Variable(this.Template, name);

    /// <summary>The default value of a parameter of the declaring template.</summary>
    public JsonElement ParameterDefault(string name) =>
        this.Template.GetProperty("parameters").GetProperty(name).GetProperty("defaultValue");

    /// <summary>A value of the declaring template resolved through its variables (see <see cref="CompiledTemplate.Resolve"/>).</summary>
    public JsonElement Resolve(JsonElement value) => CompiledTemplate.Resolve(this.Template, value);

    /// <summary>The expression with every <c>variables('x')</c> of a string variable replaced by <c>'value'</c>.</summary>
    public string Expand(string expression) => CompiledTemplate.ExpandStringVariables(this.Template, expression);
}
