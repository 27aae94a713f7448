using System.Reflection;

namespace G7Flows.Infra.Tests.Support;

/// <summary>Files of the repository, found through the path the build stamped into this assembly.</summary>
internal static class Repository
{
    private static readonly string Root = typeof(Repository).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "G7FlowsRepositoryRoot")
        .Value!;

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string ReadAllText(params string[] parts) => File.ReadAllText(PathOf(parts));
}
