using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace G7Flows.Workflows.Platform.Hosting;

/// <summary>A setting that stops a host from starting: its name (as an environment variable) and what is wrong, never its value.</summary>
public sealed record SettingProblem(string Setting, string Problem)
{
    /// <summary>The one line a host prints for it.</summary>
    public override string ToString() => $"Configuration error: {this.Setting} {this.Problem}";
}

/// <summary>
/// Checks the settings both hosts share before anything uses them, so that a mistyped value stops the host with one
/// line naming the setting and what is wrong with it (never the value, which may be a secret) instead of an exception
/// from deep inside a client library.
/// </summary>
public static partial class SettingsCheck
{
    /// <summary>The environment-variable spelling of a configuration key (<c>G7Flows__TaskHub</c> for <c>G7Flows:TaskHub</c>).</summary>
    public static string EnvironmentName(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>
    /// The storage settings: <c>AzureWebJobsStorage</c> (required unless <paramref name="storageOptional"/>: the server
    /// then uses the local emulator) and <c>G7Flows__DataStorage</c> when set; each a connection string or identity-based
    /// service URIs.
    /// </summary>
    public static IEnumerable<SettingProblem> Storage(IConfiguration configuration, bool storageOptional)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (SettingProblem p in Connection(configuration, AppSettingNames.Storage, ["blobServiceUri", "queueServiceUri", "tableServiceUri"], required: !storageOptional))
        {
            yield return p;
        }

        foreach (SettingProblem p in Connection(configuration, AppSettingNames.DataStorage, ["blobServiceUri", "tableServiceUri"], required: false))
        {
            yield return p;
        }
    }

    /// <summary>The task hub name: 3 to 45 letters and digits, starting with a letter (the Azure Storage backend's rule).</summary>
    public static IEnumerable<SettingProblem> TaskHub(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string key = AppSettingNames.TaskHub.Replace("__", ":", StringComparison.Ordinal);
        if (configuration[key] is { } hub && !TaskHubName().IsMatch(hub))
        {
            yield return new(AppSettingNames.TaskHub, "must be 3 to 45 letters and digits, starting with a letter.");
        }
    }

    /// <summary><c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> and <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c>, when set.</summary>
    public static IEnumerable<SettingProblem> ApplicationInsights(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[AppSettingNames.ApplicationInsightsConnectionString] is { } connection && !string.IsNullOrWhiteSpace(connection))
        {
            Dictionary<string, string>? parts = Pairs(connection);
            if (parts is null)
            {
                yield return new(AppSettingNames.ApplicationInsightsConnectionString, "is not a connection string (expected Name=value pairs separated by ';').");
            }
            else if (!parts.TryGetValue("InstrumentationKey", out string? key) || !Guid.TryParse(key, out _))
            {
                yield return new(AppSettingNames.ApplicationInsightsConnectionString, "has no InstrumentationKey=<GUID>; copy the whole connection string from the Application Insights resource.");
            }
            else if (parts.TryGetValue("IngestionEndpoint", out string? endpoint) && !IsHttpUri(endpoint))
            {
                yield return new(AppSettingNames.ApplicationInsightsConnectionString, "has an IngestionEndpoint that is not an absolute http(s) URI.");
            }
        }

        if (configuration[AppSettingNames.ApplicationInsightsAuthentication] is { } authentication && !string.IsNullOrWhiteSpace(authentication))
        {
            Dictionary<string, string>? parts = Pairs(authentication);
            if (parts is null || !parts.TryGetValue("Authorization", out string? kind) || !kind.Equals("AAD", StringComparison.OrdinalIgnoreCase))
            {
                yield return new(AppSettingNames.ApplicationInsightsAuthentication, "must be 'Authorization=AAD' or 'Authorization=AAD;ClientId=<client id of a user-assigned identity>'.");
            }
            else if (parts.TryGetValue("ClientId", out string? clientId) && !Guid.TryParse(clientId, out _))
            {
                yield return new(AppSettingNames.ApplicationInsightsAuthentication, "has a ClientId that is not a GUID.");
            }
        }
    }

    /// <summary>What is wrong with a storage connection string, or null when it is usable. Says nothing of the value.</summary>
    public static string? ConnectionStringProblem(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        Dictionary<string, string>? parts = Pairs(connectionString);
        if (parts is null)
        {
            return "is not a storage connection string (expected Name=value pairs separated by ';', such as DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...).";
        }

        if (parts.TryGetValue("UseDevelopmentStorage", out string? development))
        {
            return development.Equals("true", StringComparison.OrdinalIgnoreCase) ? null : "has UseDevelopmentStorage with a value other than true.";
        }

        if (parts.TryGetValue("DefaultEndpointsProtocol", out string? protocol) && protocol is not ("http" or "https"))
        {
            return "has a DefaultEndpointsProtocol other than http or https.";
        }

        foreach (string endpoint in new[] { "BlobEndpoint", "QueueEndpoint", "TableEndpoint" })
        {
            if (parts.TryGetValue(endpoint, out string? uri) && !IsHttpUri(uri))
            {
                return $"has a {endpoint} that is not an absolute http(s) URI.";
            }
        }

        bool hasEndpoints = parts.ContainsKey("BlobEndpoint") || parts.ContainsKey("TableEndpoint");
        if (!parts.TryGetValue("AccountName", out string? account) && !hasEndpoints)
        {
            return "names no account: give AccountName (or BlobEndpoint, QueueEndpoint and TableEndpoint).";
        }

        if (account is not null && !StorageAccountName().IsMatch(account) && account != "devstoreaccount1")
        {
            return "has an AccountName that is not a storage account name (3 to 24 lower-case letters and digits).";
        }

        if (parts.TryGetValue("AccountKey", out string? accountKey))
        {
            if (accountKey.Length == 0 || accountKey.Length % 4 != 0 || !Convert.TryFromBase64String(accountKey, new byte[accountKey.Length], out int _))
            {
                return "has an AccountKey that is not valid base64 (a mistyped or truncated key?).";
            }
        }
        else if (!parts.ContainsKey("SharedAccessSignature"))
        {
            return "has neither an AccountKey nor a SharedAccessSignature; for a managed identity use AzureWebJobsStorage__credential and the __*ServiceUri settings instead.";
        }

        try
        {
            _ = new TableServiceClient(connectionString);
            _ = new BlobServiceClient(connectionString);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            // The exception's message is not repeated: it may quote the value.
            return "is not a connection string the storage clients accept.";
        }

        return null;
    }

    /// <summary>True for an absolute http or https URI.</summary>
    public static bool IsHttpUri(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Length > 0;

    private static IEnumerable<SettingProblem> Connection(IConfiguration configuration, string key, string[] serviceUris, bool required)
    {
        string name = EnvironmentName(key);
        string? value = configuration[key];
        IConfigurationSection section = configuration.GetSection(key);
        if (!string.IsNullOrWhiteSpace(value))
        {
            if (ConnectionStringProblem(value.Trim()) is { } problem)
            {
                yield return new(name, problem);
            }

            yield break;
        }

        if (!section.GetChildren().Any())
        {
            if (required)
            {
                yield return new(name, $"is not set: give a storage connection string, or {name}__credential=managedidentity with {string.Join(", ", serviceUris.Select(u => $"{name}__{u}"))}.");
            }

            yield break;
        }

        if (section["credential"] is { } credential && !credential.Equals("managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            yield return new($"{name}__credential", "must be 'managedidentity' (or unset, to use the default Azure credential chain).");
        }

        if (section["clientId"] is { } clientId && !Guid.TryParse(clientId, out _))
        {
            yield return new($"{name}__clientId", "is not a GUID (the client id of a user-assigned managed identity).");
        }

        foreach (string uri in serviceUris)
        {
            string? value2 = section[uri];
            if (value2 is null)
            {
                yield return new($"{name}__{uri}", $"is not set; identity-based storage needs {string.Join(", ", serviceUris.Select(u => $"{name}__{u}"))}.");
            }
            else if (!IsHttpUri(value2))
            {
                yield return new($"{name}__{uri}", "is not an absolute http(s) URI, such as https://<account>.blob.core.windows.net/.");
            }
        }
    }

    /// <summary>The Name=value pairs of a connection string (names case-insensitive), or null when it is not one.</summary>
    private static Dictionary<string, string>? Pairs(string text)
    {
        var pairs = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string segment in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int equals = segment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return null;
            }

            pairs[segment[..equals].Trim()] = segment[(equals + 1)..].Trim();
        }

        return pairs.Count == 0 ? null : pairs;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    private static partial Regex TaskHubName();

    [GeneratedRegex("^[a-z0-9]{3,24}$")]
    private static partial Regex StorageAccountName();
}
