using G7Flows.IntegrationTests.Infrastructure;
using G7Flows.Server.Hosting;
using G7Flows.Workflows.Platform.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace G7Flows.IntegrationTests.Configuration;

/// <summary>The server stops at start-up with one line per mistyped setting, naming it and never quoting its value.</summary>
public sealed class StartupConfigurationTests
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    [Fact]
    public async Task A_wrong_account_key_stops_the_server_with_one_line_naming_the_setting_and_not_the_key()
    {
        // Arrange: the key with one character mistyped into something that is not base64.
        string wrongKey = Key[..20] + "#" + Key[21..];
        string connection = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={wrongKey};BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:1/devstoreaccount1;TableEndpoint=http://127.0.0.1:1/devstoreaccount1;";

        // Act
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(connection, "badconfig"));

        // Assert
        string[] lines = [.. failure.Message.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];
        Assert.Equal("The server exited with code 1:", lines[0]);
        string line = Assert.Single(lines[1..]);
        Assert.Equal("Configuration error: AzureWebJobsStorage has an AccountKey that is not valid base64 (a mistyped or truncated key?).", line);
        Assert.DoesNotContain(wrongKey[..16], failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_test_servers_settings_pass()
    {
        var settings = Tokens.ServerSettings.Select(s => (s.Key.Replace("__", ":", StringComparison.Ordinal), s.Value)).ToList();
        settings.Add(("AzureWebJobsStorage", "UseDevelopmentStorage=true"));
        settings.Add(("G7Flows:TaskHub", "e2e"));
        settings.Add(("G7Flows:Durable:ControlQueueVisibilityTimeout", "00:00:20"));

        Assert.Empty(ServerSettingsCheck.Check(Config([.. settings]), Environment("Production")));
    }

    [Fact]
    public void Production_needs_a_way_to_validate_tokens_and_an_audience_but_Development_waits_for_user_jwts()
    {
        IConfiguration empty = Config();

        string[] production = [.. ServerSettingsCheck.Check(empty, Environment("Production")).Select(p => p.Setting)];
        string[] development = [.. ServerSettingsCheck.Check(empty, Environment("Development")).Select(p => p.Setting)];

        Assert.Equal(["Authentication__Schemes__Bearer", "Authentication__Schemes__Bearer__ValidAudiences__0"], production);
        Assert.Empty(development);
    }

    [Fact]
    public void Every_mistyped_server_setting_is_named_on_its_own_line_without_its_value()
    {
        IConfiguration config = Config(
            ("Authentication:Schemes:Bearer:Authority", "login.example/tenant"),
            ("Authentication:Schemes:Bearer:ValidAudiences:0", "api://g7flows"),
            ("Authentication:Schemes:Bearer:SigningKeys:0:Value", "c2hvcnQ="),
            ("G7Flows:Durable:PartitionCount", "four"),
            ("G7Flows:Durable:MaxQueuePollingInterval", "1s"),
            ("G7Flows:Durable:ExtendedSessions", "yes"),
            ("G7Flows:Telemetry:Exporter", "console,zipkin"),
            ("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4317"));

        IReadOnlyList<SettingProblem> problems = ServerSettingsCheck.Check(config, Environment("Production"));

        Assert.Equal(
            [
                "G7Flows__Telemetry__Exporter",
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                "Authentication__Schemes__Bearer__Authority",
                "Authentication__Schemes__Bearer__SigningKeys__0__Value",
                "G7Flows__Durable__PartitionCount",
                "G7Flows__Durable__MaxQueuePollingInterval",
                "G7Flows__Durable__ExtendedSessions",
            ],
            problems.Select(p => p.Setting));
        Assert.All(problems, p => Assert.DoesNotContain("c2hvcnQ", p.ToString(), StringComparison.Ordinal));
        Assert.All(problems, p => Assert.DoesNotContain("login.example", p.ToString(), StringComparison.Ordinal));
    }

    private static TestEnvironment Environment(string name) => new() { EnvironmentName = name };

    private sealed class TestEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";

        public string ApplicationName { get; set; } = "G7Flows.Server";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
