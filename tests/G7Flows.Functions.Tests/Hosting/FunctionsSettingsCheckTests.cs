using G7Flows.Functions.Hosting;
using Microsoft.Extensions.Configuration;

namespace G7Flows.Functions.Tests.Hosting;

public sealed class FunctionsSettingsCheckTests
{
    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    [Fact]
    public void The_sample_settings_pass()
    {
        IConfiguration config = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Support.Repository.Root, "local.settings.sample.json"))
            .Build()
            .GetSection("Values");

        Assert.Empty(FunctionsSettingsCheck.Check(config));
    }

    [Fact]
    public void Storage_is_required_and_each_mistyped_setting_is_named_on_one_line_without_its_value()
    {
        IConfiguration config = Config(
            ("G7Flows:TaskHub", "g7-flows"),
            ("WEBSITE_AUTH_ENABLED", "yes"),
            ("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "Authorization=AAD;ClientId=secret-client"));

        var problems = FunctionsSettingsCheck.Check(config);

        Assert.Equal(
            ["AzureWebJobsStorage", "G7Flows__TaskHub", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "WEBSITE_AUTH_ENABLED"],
            problems.Select(p => p.Setting));
        Assert.All(problems, p => Assert.DoesNotContain("secret-client", p.ToString(), StringComparison.Ordinal));
        Assert.All(problems, p => Assert.DoesNotContain('\n', p.ToString()));
    }
}
