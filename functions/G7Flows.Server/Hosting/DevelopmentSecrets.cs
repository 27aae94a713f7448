using System.Reflection;
using Microsoft.Extensions.Configuration.UserSecrets;

namespace G7Flows.Server.Hosting;

/// <summary>
/// In Development, makes sure the user-secrets file exists before configuration is read, so that configuration
/// watches it: the signing key <c>dotnet user-jwts create</c> writes there on a new machine is then picked up
/// by the running server.
/// </summary>
internal static class DevelopmentSecrets
{
    public static void EnsureFile(string? environment)
    {
        if (!string.Equals(environment, Environments.Development, StringComparison.OrdinalIgnoreCase)
            || Assembly.GetEntryAssembly()?.GetCustomAttribute<UserSecretsIdAttribute>() is not { } id)
        {
            return;
        }

        string path = PathHelper.GetSecretsPathFromSecretsId(id.UserSecretsId);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "{}");
        }
    }
}
