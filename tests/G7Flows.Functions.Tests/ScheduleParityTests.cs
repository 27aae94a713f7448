using System.Globalization;
using System.Reflection;
using G7Flows.Functions.Tests.Support;
using G7Flows.Server.Hosting;
using G7Flows.Workflows;
using G7Flows.Workflows.Platform.Hosting;
using G7Flows.Workflows.Reports.Domain;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Moq;

namespace G7Flows.Functions.Tests;

/// <summary>
/// The functions app's timers and the server's schedulers run the same schedules, from the same settings, with the
/// same reading of an NCRONTAB expression (the Functions host's parser package, six fields with seconds, UTC).
/// </summary>
public sealed class ScheduleParityTests
{
    [Fact]
    public void Both_hosts_run_exactly_the_schedules_of_the_modules()
    {
        // Arrange
        var expected = WorkflowModules.Schedules.Select(s => s.Name).Order(StringComparer.Ordinal).ToList();

        // Act
        var functions = FunctionsApp.NamesWith<TimerTriggerAttribute>().Order(StringComparer.Ordinal);
        var server = ServerRunners(new Dictionary<string, string?>()).Select(r => r.Work.Name).Order(StringComparer.Ordinal);

        // Assert
        Assert.NotEmpty(expected);
        Assert.Equal(expected, functions);
        Assert.Equal(expected, server);
    }

    [Fact]
    public void Both_hosts_read_the_schedule_from_the_same_setting()
    {
        foreach (ScheduledWork work in WorkflowModules.Schedules)
        {
            // Arrange: a schedule no default has.
            const string configured = "0 15 4 2 * *";

            // Act
            var timer = FunctionsApp.Functions().Single(f => f.Name == work.Name).Trigger as TimerTriggerAttribute;
            ScheduleRunner runner = ServerRunners(new Dictionary<string, string?> { [work.ScheduleSetting] = configured }).Single(r => r.Work.Name == work.Name);

            // Assert
            Assert.NotNull(timer);
            Assert.Equal($"%{work.ScheduleSetting}%", timer.Schedule);
            Assert.Equal(configured, runner.Schedule.Text);
        }
    }

    [Fact]
    public void The_report_schedule_defaults_to_the_first_of_the_month_at_six_in_both_hosts_settings()
    {
        // Act
        ScheduleRunner runner = ServerRunners(new Dictionary<string, string?>()).Single(r => r.Work.Name == "ReportSchedule");
        string sample = File.ReadAllText(Repository.PathOf("local.settings.sample.json"));

        // Assert: the server's default, and the value the Functions host finds in the sample settings.
        Assert.Equal("0 0 6 1 * *", runner.Schedule.Text);
        Assert.Equal(ReportSettings.DefaultSchedule, runner.Schedule.Text);
        Assert.Contains("\"G7Flows__Reports__Schedule\": \"0 0 6 1 * *\"", sample, StringComparison.Ordinal);
    }

    [Fact]
    public void The_decision_sweep_defaults_to_every_fifteen_seconds_in_both_hosts_settings()
    {
        // Act
        ScheduleRunner runner = ServerRunners(new Dictionary<string, string?>()).Single(r => r.Work.Name == "ConsultationDecisionSweep");
        string sample = File.ReadAllText(Repository.PathOf("local.settings.sample.json"));

        // Assert
        Assert.Equal("*/15 * * * * *", runner.Schedule.Text);
        Assert.False(runner.Monitored);
        Assert.Contains("\"G7Flows__Consultations__DecisionSweep\": \"*/15 * * * * *\"", sample, StringComparison.Ordinal);
    }

    /// <summary>
    /// Expressions from the Azure Functions timer trigger documentation and the occurrences the Functions host gives
    /// for them (NCRONTAB: second minute hour day month day-of-week; UTC).
    /// </summary>
    public static TheoryData<string, string, string[]> Occurrences => new()
    {
        { "0 0 6 1 * *", "2026-11-30T12:00:00Z", ["2026-12-01T06:00:00Z", "2027-01-01T06:00:00Z", "2027-02-01T06:00:00Z"] },
        { "0 */5 * * * *", "2026-11-30T23:58:00Z", ["2026-12-01T00:00:00Z", "2026-12-01T00:05:00Z", "2026-12-01T00:10:00Z"] },
        { "0 30 9 * * 1-5", "2026-11-27T10:00:00Z", ["2026-11-30T09:30:00Z", "2026-12-01T09:30:00Z", "2026-12-02T09:30:00Z"] },
        { "0 0 6 1 1,4,7,10 *", "2026-11-30T00:00:00Z", ["2027-01-01T06:00:00Z", "2027-04-01T06:00:00Z", "2027-07-01T06:00:00Z"] },
        { "5 * * * * *", "2026-11-30T00:00:05Z", ["2026-11-30T00:01:05Z", "2026-11-30T00:02:05Z", "2026-11-30T00:03:05Z"] },
        { "0 0 0 29 2 *", "2027-01-01T00:00:00Z", ["2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z", "2036-02-29T00:00:00Z"] },
        { "*/20 * * * * *", "2026-11-30T00:00:00Z", ["2026-11-30T00:00:20Z", "2026-11-30T00:00:40Z", "2026-11-30T00:01:00Z"] },
    };

    [Theory]
    [MemberData(nameof(Occurrences))]
    public void The_server_computes_the_occurrences_the_Functions_host_does(string expression, string after, string[] expected)
    {
        // Act
        var next = CronExpression.Parse(expression).Next(DateTimeOffset.Parse(after, CultureInfo.InvariantCulture), expected.Length);

        // Assert
        Assert.Equal(expected.Select(e => DateTimeOffset.Parse(e, CultureInfo.InvariantCulture)), next);
        Assert.All(next, n => Assert.Equal(TimeSpan.Zero, n.Offset));
    }

    [Theory]
    [InlineData("0 6 1 * *")]
    [InlineData("0 0 6 1 * * *")]
    [InlineData("60 0 6 1 * *")]
    [InlineData("every month")]
    public void The_server_refuses_an_expression_the_Functions_host_would_not_take(string expression)
    {
        // Act and Assert: five fields are read without seconds, as the host does, so only the first of these parses.
        if (expression.Split(' ').Length == 5)
        {
            Assert.Equal(DateTimeOffset.Parse("2026-12-01T06:00:00Z", CultureInfo.InvariantCulture), CronExpression.Parse(expression).Next(DateTimeOffset.Parse("2026-11-30T00:00:00Z", CultureInfo.InvariantCulture)));
        }
        else
        {
            Assert.Throws<FormatException>(() => CronExpression.Parse(expression));
        }
    }

    [Fact]
    public void A_wrong_schedule_stops_the_server_at_start_rather_than_later()
    {
        // Act and Assert
        var error = Assert.Throws<FormatException>(() => ServerRunners(new Dictionary<string, string?> { [ReportSettings.ScheduleSetting] = "monthly" }));
        Assert.Contains("monthly", error.Message, StringComparison.Ordinal);
    }

    private static List<ScheduleRunner> ServerRunners(Dictionary<string, string?> settings)
    {
        settings[AppSettingNames.Storage] = Requests.UnreachableStorage;
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(configuration)
            .AddG7FlowsWorkflows(configuration)
            .AddSingleton(new Mock<DurableTaskClient>("parity").Object)
            .AddG7FlowsSchedules(configuration);
        using ServiceProvider provider = services.BuildServiceProvider();
        return [.. provider.GetServices<IHostedService>().OfType<ScheduleRunner>()];
    }
}
