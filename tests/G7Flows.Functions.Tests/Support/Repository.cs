using System.Reflection;

namespace G7Flows.Functions.Tests.Support;

/// <summary>Files of the repository, found by walking up from the test output to <c>G7Flows.sln</c>.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration these tests were built in (Debug or Release); the referenced projects share it.</summary>
    public static string Configuration { get; } =
        typeof(Repository).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "G7Flows.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"G7Flows.sln was not found above {AppContext.BaseDirectory}.");
    }
}
