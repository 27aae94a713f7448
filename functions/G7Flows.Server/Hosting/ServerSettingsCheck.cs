using System.Globalization;
using G7Flows.Workflows.Platform.Hosting;

namespace G7Flows.Server.Hosting;

/// <summary>
/// The server's start-up check of its configuration: the shared storage, task hub and telemetry settings, the JWT
/// bearer settings and the durable engine's tuning. Each problem is one line naming the setting, never its value.
/// </summary>
public static class ServerSettingsCheck
{
    private const string Bearer = "Authentication:Schemes:Bearer";

    public static IReadOnlyList<SettingProblem> Check(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        return
        [
            .. SettingsCheck.Storage(configuration, storageOptional: true),
            .. SettingsCheck.TaskHub(configuration),
            .. SettingsCheck.ApplicationInsights(configuration),
            .. Telemetry(configuration),
            .. JwtBearer(configuration, environment.IsDevelopment()),
            .. Durable(configuration),
        ];
    }

    /// <summary>Prints each problem on one line to <paramref name="output"/>.</summary>
    public static void Report(IEnumerable<SettingProblem> problems, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(output);
        foreach (SettingProblem problem in problems)
        {
            output.WriteLine(problem.ToString());
        }
    }

    private static IEnumerable<SettingProblem> Telemetry(IConfiguration configuration)
    {
        if (ServerTelemetry.Exporters(configuration, out string? problem) is null)
        {
            yield return new(SettingsCheck.EnvironmentName(ServerTelemetry.ExporterSetting), problem!);
        }

        if (configuration[ServerTelemetry.OtlpEndpointSetting] is { Length: > 0 } endpoint && !SettingsCheck.IsHttpUri(endpoint))
        {
            yield return new(ServerTelemetry.OtlpEndpointSetting, "is not an absolute http(s) URI, such as http://127.0.0.1:4317.");
        }
    }

    /// <summary>
    /// Tokens must be verifiable: an Authority (OpenID Connect metadata) or signing keys, and an audience. In Development
    /// the keys come from <c>dotnet user-jwts</c>, possibly after the server started, so only the form is checked.
    /// </summary>
    private static IEnumerable<SettingProblem> JwtBearer(IConfiguration configuration, bool development)
    {
        IConfigurationSection bearer = configuration.GetSection(Bearer);
        string name = SettingsCheck.EnvironmentName(Bearer);
        string? authority = bearer["Authority"];
        if (authority is not null && !SettingsCheck.IsHttpUri(authority))
        {
            yield return new($"{name}__Authority", "is not an absolute http(s) URI (the token issuer's address, such as https://login.microsoftonline.com/<tenant>/v2.0).");
        }

        IConfigurationSection[] keys = [.. bearer.GetSection("SigningKeys").GetChildren()];
        foreach (IConfigurationSection key in keys)
        {
            string? value = key["Value"];
            if (string.IsNullOrEmpty(value) || !Convert.TryFromBase64String(value, new byte[value.Length], out int length))
            {
                yield return new($"{name}__SigningKeys__{key.Key}__Value", "is not valid base64.");
            }
            else if (length < 32)
            {
                yield return new($"{name}__SigningKeys__{key.Key}__Value", "is shorter than 256 bits.");
            }
        }

        if (development)
        {
            yield break;
        }

        if (authority is null && keys.Length == 0)
        {
            yield return new(name, $"gives no way to validate tokens: set {name}__Authority (an OpenID Connect issuer) or {name}__SigningKeys__0__Value.");
        }

        bool audiences = bearer.GetSection("ValidAudiences").GetChildren().Any(a => !string.IsNullOrWhiteSpace(a.Value))
            || !string.IsNullOrWhiteSpace(bearer["ValidAudience"]) || !string.IsNullOrWhiteSpace(bearer["Audience"]);
        if (!audiences)
        {
            yield return new($"{name}__ValidAudiences__0", "is not set: name the audience tokens must be issued for (the API's app id URI).");
        }
    }

    private static IEnumerable<SettingProblem> Durable(IConfiguration configuration)
    {
        IConfigurationSection durable = configuration.GetSection("G7Flows:Durable");
        string name = SettingsCheck.EnvironmentName("G7Flows:Durable");
        foreach (var (key, min, max) in new[] { ("PartitionCount", 1, 16), ("MaxConcurrentActivities", 1, 1000), ("MaxConcurrentOrchestrations", 1, 1000) })
        {
            if (durable[key] is { } text && (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < min || value > max))
            {
                yield return new($"{name}__{key}", $"must be a whole number from {min} to {max}.");
            }
        }

        foreach (string key in new[] { "MaxQueuePollingInterval", "WorkItemQueueVisibilityTimeout", "ControlQueueVisibilityTimeout" })
        {
            if (durable[key] is { } text && (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan value) || value <= TimeSpan.Zero))
            {
                yield return new($"{name}__{key}", "must be a positive time span such as 00:00:30.");
            }
        }

        foreach (string key in new[] { "UseTablePartitionManagement", "ExtendedSessions" })
        {
            if (durable[key] is { } text && !bool.TryParse(text, out _))
            {
                yield return new($"{name}__{key}", "must be true or false.");
            }
        }
    }
}
