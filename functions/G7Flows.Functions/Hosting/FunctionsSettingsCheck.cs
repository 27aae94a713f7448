using G7Flows.Workflows.Platform.Hosting;
using Microsoft.Extensions.Configuration;

namespace G7Flows.Functions.Hosting;

/// <summary>
/// The functions app's start-up check of its configuration: the storage connection (required here), the task hub,
/// Application Insights and Easy Auth's switch. Each problem is one line naming the setting, never its value.
/// </summary>
public static class FunctionsSettingsCheck
{
    public static IReadOnlyList<SettingProblem> Check(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<SettingProblem>();
        problems.AddRange(SettingsCheck.Storage(configuration, storageOptional: false));
        problems.AddRange(SettingsCheck.TaskHub(configuration));
        problems.AddRange(SettingsCheck.ApplicationInsights(configuration));
        if (configuration[AppSettingNames.EasyAuthEnabled] is { Length: > 0 } easyAuth && !bool.TryParse(easyAuth, out _))
        {
            problems.Add(new(AppSettingNames.EasyAuthEnabled, "must be true or false."));
        }

        return problems;
    }
}
