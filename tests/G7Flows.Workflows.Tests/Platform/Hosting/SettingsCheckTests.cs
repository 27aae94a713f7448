using G7Flows.Workflows.Platform.Hosting;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace G7Flows.Workflows.Tests.Platform.Hosting;

public sealed class SettingsCheckTests
{
    private const string GoodKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    [Theory]
    [InlineData("UseDevelopmentStorage=true")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=g7flowsdata;AccountKey=" + GoodKey + ";EndpointSuffix=core.windows.net")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + GoodKey + ";BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;")]
    [InlineData("BlobEndpoint=https://g7flowsdata.blob.core.windows.net/;TableEndpoint=https://g7flowsdata.table.core.windows.net/;SharedAccessSignature=sv=2024-01-01&sig=abc")]
    public void A_usable_connection_string_passes(string connectionString)
    {
        Assert.Null(SettingsCheck.ConnectionStringProblem(connectionString));
        Assert.Empty(SettingsCheck.Storage(Config(("AzureWebJobsStorage", connectionString)), storageOptional: false));
    }

    [Theory]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=g7flowsdata;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGM!w==", "AccountKey")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=g7flowsdata;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq", "AccountKey")]
    [InlineData("DefaultEndpointsProtocol=https;AccountKey=" + GoodKey, "AccountName")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=G7_Flows;AccountKey=" + GoodKey, "AccountName")]
    [InlineData("DefaultEndpointsProtocol=ftp;AccountName=g7flowsdata;AccountKey=" + GoodKey, "DefaultEndpointsProtocol")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=g7flowsdata", "AccountKey")]
    [InlineData("AccountName=g7flowsdata;AccountKey=" + GoodKey + ";BlobEndpoint=not a uri", "BlobEndpoint")]
    [InlineData("g7flowsdata", "Name=value")]
    [InlineData("g7flowsdata:" + GoodKey, "names no account")]
    [InlineData("UseDevelopmentStorage=yes", "UseDevelopmentStorage")]
    public void A_mistyped_connection_string_is_named_with_what_is_wrong_and_never_quoted(string connectionString, string expected)
    {
        SettingProblem problem = Assert.Single(SettingsCheck.Storage(Config(("AzureWebJobsStorage", connectionString)), storageOptional: false));

        Assert.Equal("AzureWebJobsStorage", problem.Setting);
        Assert.Contains(expected, problem.Problem, StringComparison.Ordinal);
        Assert.StartsWith("Configuration error: AzureWebJobsStorage ", problem.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Eby8vdM02", problem.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain('\n', problem.ToString());
    }

    [Fact]
    public void Identity_based_storage_needs_every_service_uri_and_a_known_credential()
    {
        IConfiguration config = Config(
            ("AzureWebJobsStorage:credential", "managed-identity"),
            ("AzureWebJobsStorage:clientId", "not-a-guid"),
            ("AzureWebJobsStorage:blobServiceUri", "https://g7flows.blob.core.windows.net/"),
            ("AzureWebJobsStorage:queueServiceUri", "g7flows.queue.core.windows.net"),
            ("G7Flows:DataStorage:tableServiceUri", "https://g7flowsdata.table.core.windows.net/"));

        string[] settings = [.. SettingsCheck.Storage(config, storageOptional: false).Select(p => p.Setting)];

        Assert.Equal(
            [
                "AzureWebJobsStorage__credential",
                "AzureWebJobsStorage__clientId",
                "AzureWebJobsStorage__queueServiceUri",
                "AzureWebJobsStorage__tableServiceUri",
                "G7Flows__DataStorage__blobServiceUri",
            ],
            settings);
    }

    [Fact]
    public void Missing_storage_is_a_problem_only_where_it_is_required()
    {
        Assert.Equal("AzureWebJobsStorage", Assert.Single(SettingsCheck.Storage(Config(), storageOptional: false)).Setting);
        Assert.Empty(SettingsCheck.Storage(Config(), storageOptional: true));
    }

    [Theory]
    [InlineData("G7Flows", true)]
    [InlineData("e2e", true)]
    [InlineData("g7", false)]
    [InlineData("g7-flows", false)]
    [InlineData("7flows", false)]
    public void A_task_hub_name_is_letters_and_digits_starting_with_a_letter(string name, bool valid)
    {
        var problems = SettingsCheck.TaskHub(Config(("G7Flows:TaskHub", name))).ToList();

        Assert.Equal(valid, problems.Count == 0);
        Assert.All(problems, p => Assert.Equal("G7Flows__TaskHub", p.Setting));
    }

    [Theory]
    [InlineData("InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/", null, null)]
    [InlineData("IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/", null, "APPLICATIONINSIGHTS_CONNECTION_STRING")]
    [InlineData("InstrumentationKey=00000000-0000-0000-0000-000000000001", "Authorization=Key", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING")]
    [InlineData("InstrumentationKey=00000000-0000-0000-0000-000000000001", "Authorization=AAD;ClientId=abc", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING")]
    public void Application_Insights_settings_are_checked_when_set(string connection, string? authentication, string? expected)
    {
        var settings = new List<(string, string)> { ("APPLICATIONINSIGHTS_CONNECTION_STRING", connection) };
        if (authentication is not null)
        {
            settings.Add(("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", authentication));
        }

        var problems = SettingsCheck.ApplicationInsights(Config([.. settings])).ToList();

        Assert.Equal(expected, problems.SingleOrDefault()?.Setting);
    }
}
