using System.Reflection;
using System.Runtime.Loader;

/// <summary>
/// Runs in the server process before its Main when <c>DOTNET_STARTUP_HOOKS</c> names this assembly: lets the runtime
/// find this assembly by name, so that ASP.NET Core can load it as the hosting startup named in
/// <c>ASPNETCORE_HOSTINGSTARTUPASSEMBLIES</c>.
/// </summary>
internal static class StartupHook
{
    public static void Initialize()
    {
        Assembly self = typeof(StartupHook).Assembly;
        string name = self.GetName().Name!;
        AssemblyLoadContext.Default.Resolving += (_, requested) => requested.Name == name ? self : null;
    }
}
