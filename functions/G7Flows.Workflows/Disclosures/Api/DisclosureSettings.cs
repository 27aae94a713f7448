using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Platform.Http;
using Microsoft.Extensions.Configuration;

namespace G7Flows.Workflows.Disclosures.Api;

/// <summary>
/// The disclosure workflow's settings: the time each review step has, from <c>G7Flows:Disclosures:Due:Security</c>,
/// <c>:HumanRights</c> and <c>:Final</c> (ISO-8601 durations; defaults P5D, P5D and P3D).
/// </summary>
public sealed record DisclosureSettings(StepDurations Due)
{
    public const string Section = "G7Flows:Disclosures:Due";

    public static DisclosureSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        IConfigurationSection section = configuration.GetSection(Section);
        StepDurations defaults = StepDurations.Defaults;
        return new DisclosureSettings(new StepDurations(
            Read(section, "Security", defaults.Security),
            Read(section, "HumanRights", defaults.HumanRights),
            Read(section, "Final", defaults.Final)));
    }

    private static TimeSpan Read(IConfigurationSection section, string key, TimeSpan fallback)
    {
        string? text = section[key];
        if (text is null)
        {
            return fallback;
        }

        return IsoDuration.TryParse(text, out TimeSpan value) && value > TimeSpan.Zero
            ? value
            : throw new InvalidOperationException($"{Section}:{key} must be an ISO-8601 duration such as P5D; it is '{text}'.");
    }
}
