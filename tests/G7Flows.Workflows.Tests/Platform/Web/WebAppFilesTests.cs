using System.Text;
using System.Text.RegularExpressions;
using G7Flows.Workflows.Platform.Web;

namespace G7Flows.Workflows.Tests.Platform.Web;

/// <summary>
/// A safety net under the web app's rule that every string goes in as text: no file the app serves parses a string as
/// HTML or code, carries inline script or style (the page's policy would block them anyway), or reaches another origin.
/// The files are the ones compiled into the core (<see cref="WebApp.All"/>, what both hosts serve), checked against the
/// folder they come from.
/// </summary>
public sealed partial class WebAppFilesTests
{
    public static TheoryData<string> Files => [.. WebApp.All.Keys.Order(StringComparer.Ordinal)];

    [Fact]
    public void Every_file_in_wwwroot_is_served_and_nothing_else()
    {
        // Arrange
        string root = WwwRoot();

        // Act
        var onDisk = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => "/" + Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Select(p => p == "/index.html" ? WebApp.Index : p)
            .Order(StringComparer.Ordinal);

        // Assert
        Assert.Equal(onDisk, WebApp.All.Keys.Order(StringComparer.Ordinal));
        Assert.All(WebApp.All.Values, f => Assert.Equal(File.ReadAllBytes(Path.Combine(root, f.Path == WebApp.Index ? "index.html" : f.Path.TrimStart('/'))), f.Content));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void No_file_parses_strings_as_HTML_or_code_inlines_script_or_style_or_reaches_another_origin(string path)
    {
        // Arrange
        WebFile file = WebApp.All[path];
        string text = Encoding.UTF8.GetString(file.Content);
        bool markup = file.IsHtml || file.ContentType.StartsWith("image/svg+xml", StringComparison.Ordinal);
        bool script = file.ContentType.StartsWith("text/javascript", StringComparison.Ordinal);

        // Act
        var found = new List<string>();
        foreach (string sink in new[] { "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "srcdoc", "javascript:" })
        {
            if (text.Contains(sink, StringComparison.OrdinalIgnoreCase))
            {
                found.Add(sink);
            }
        }

        if (markup)
        {
            found.AddRange(InlineEventAttribute().Matches(text).Select(m => $"an inline event attribute '{m.Value.Trim()}'"));
            found.AddRange(StyleAttribute().Matches(text).Select(m => $"a style attribute '{m.Value.Trim()}'"));
            found.AddRange(InlineScript().Matches(text).Select(_ => "an inline <script> without src"));
            found.AddRange(InlineStyle().Matches(text).Select(_ => "a <style> element"));
        }

        if (script)
        {
            found.AddRange(ScriptStyleOrHandlerAttribute().Matches(text).Select(m => $"an attribute set from script: '{m.Value}'"));
        }

        found.AddRange(OtherOrigin().Matches(text).Select(m => $"a URL of another origin '{m.Value}'"));

        // Assert
        Assert.True(found.Count == 0, $"{path} has: {string.Join("; ", found)}");
    }

    [Fact]
    public void The_checks_find_what_they_look_for()
    {
        // The patterns themselves, on samples of what they must catch and what they must let pass.
        Assert.Matches(InlineEventAttribute(), "<img src=x onerror=alert(1)>");
        Assert.Matches(InlineEventAttribute(), "<body onload=\"go()\">");
        Assert.DoesNotMatch(InlineEventAttribute(), "<button type=\"submit\" aria-describedby=\"x\">");
        Assert.Matches(StyleAttribute(), "<p style=\"color:red\">");
        Assert.DoesNotMatch(StyleAttribute(), "<link rel=\"stylesheet\" href=\"/assets/app.css\">");
        Assert.Matches(InlineScript(), "<script>alert(1)</script>");
        Assert.DoesNotMatch(InlineScript(), "<script type=\"module\" src=\"/assets/js/app.js\"></script>");
        Assert.Matches(ScriptStyleOrHandlerAttribute(), "h('p', { style: 'color:red' })");
        Assert.Matches(ScriptStyleOrHandlerAttribute(), "el.setAttribute('onclick', code)");
        Assert.DoesNotMatch(ScriptStyleOrHandlerAttribute(), "h('button', { onClick: () => go() })");
        Assert.Matches(OtherOrigin(), "import x from 'https://cdn.example/x.js'");
        Assert.Matches(OtherOrigin(), "fetch(\"http://evil.example/\")");
        Assert.DoesNotMatch(OtherOrigin(), "<svg xmlns=\"http://www.w3.org/2000/svg\">");
    }

    /// <summary>The folder the files are compiled from, found from the test's output folder upwards.</summary>
    private static string WwwRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "functions", "G7Flows.Workflows", "Platform", "Web", "wwwroot");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"No functions/G7Flows.Workflows/Platform/Web/wwwroot above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineEventAttribute();

    [GeneratedRegex(@"\sstyle\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex StyleAttribute();

    [GeneratedRegex(@"<script(?![^>]*\ssrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<style[\s>]", RegexOptions.IgnoreCase)]
    private static partial Regex InlineStyle();

    /// <summary>In script: an attribute named style or on... set by setAttribute, or given to h() as a string.</summary>
    [GeneratedRegex(@"setAttribute\(\s*['""`](style|on[a-z]+)['""`]|(?<![\w-])(style|on[a-z]+)\s*:\s*['""`]", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptStyleOrHandlerAttribute();

    /// <summary>An absolute http(s) URL, except an XML namespace name (which is never fetched).</summary>
    [GeneratedRegex(@"(?<!xmlns(:[a-z]+)?=[""'])https?://[^\s""'`)<>]+", RegexOptions.IgnoreCase)]
    private static partial Regex OtherOrigin();
}
