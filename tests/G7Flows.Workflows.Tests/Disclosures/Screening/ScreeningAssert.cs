using G7Flows.Workflows.Disclosures.Screening;

namespace G7Flows.Workflows.Tests.Disclosures.Screening;

/// <summary>Shared checks of the screening tests.</summary>
internal static class ScreeningAssert
{
    /// <summary>The findings of <paramref name="kind"/>, with a readable message when there are none.</summary>
    public static List<ScreeningFinding> OfKind(ScreeningResult result, string kind)
    {
        var found = result.Findings.Where(f => f.Kind == kind).ToList();
        Assert.True(found.Count > 0, $"No {kind} finding; found: {Describe(result)}");
        return found;
    }

    /// <summary>Fails with the findings listed when there are any.</summary>
    public static void Clean(ScreeningResult result)
    {
        Assert.True(result.Findings.Count == 0, $"Expected no finding; found: {Describe(result)}");
        Assert.False(result.IsBlocked);
    }

    /// <summary>No excerpt repeats <paramref name="sensitive"/>, and every excerpt is one line.</summary>
    public static void Masked(ScreeningResult result, string sensitive)
    {
        foreach (var f in result.Findings)
        {
            Assert.DoesNotContain(sensitive, f.Excerpt, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain('\n', f.Excerpt);
            Assert.DoesNotContain('\r', f.Excerpt);
        }
    }

    public static string Describe(ScreeningResult result) =>
        result.Findings.Count == 0
            ? "nothing"
            : string.Join("; ", result.Findings.Select(f => $"{f.Kind}/{f.Severity}/{f.System} at {f.Line}:{f.Column} \"{f.Excerpt}\""));
}
