namespace G7Flows.Infra.Tests;

public sealed class BicepDiagnosticsTests
{
    [Fact]
    public void Bicep_build_and_lint_reported_no_warning_or_error()
    {
        // Arrange: the CompileAndLintBicep target writes what bicep printed here.
        var path = Path.Combine(AppContext.BaseDirectory, "infra", "bicep-diagnostics.txt");
        Assert.True(File.Exists(path), $"{path} is missing: the build runs bicep before compiling the tests.");

        // Act
        var diagnostics = File.ReadAllLines(path).Where(line => !string.IsNullOrWhiteSpace(line));

        // Assert
        Assert.Empty(diagnostics);
    }
}
