using G7Flows.Infra.Tests.Support;

namespace G7Flows.Infra.Tests;

/// <summary>The outputs azd stores in the environment's .env file and docs/deploy.md refers to.</summary>
public sealed class OutputsTests
{
    [Theory]
    [InlineData("AZURE_LOCATION")]
    [InlineData("AZURE_TENANT_ID")]
    [InlineData("AZURE_RESOURCE_GROUP")]
    [InlineData("AZURE_FUNCTION_APP_NAME")]
    [InlineData("SERVICE_API_NAME")]
    [InlineData("SERVICE_API_URI")]
    [InlineData("AZURE_MANAGED_IDENTITY_CLIENT_ID")]
    [InlineData("AZURE_STORAGE_ACCOUNT_NAME")]
    [InlineData("AZURE_STORAGE_BLOB_ENDPOINT")]
    [InlineData("AZURE_STORAGE_QUEUE_ENDPOINT")]
    [InlineData("AZURE_STORAGE_TABLE_ENDPOINT")]
    [InlineData("APPLICATIONINSIGHTS_NAME")]
    [InlineData("AUTH_CLIENT_ID")]
    [InlineData("AUTH_TENANT_ID")]
    [InlineData("AUTH_AUDIENCE")]
    [InlineData("SERVER_URI")]
    public void Template_outputs_a_string(string name)
    {
        // Act
        var output = CompiledTemplate.Output(name);

        // Assert
        Assert.Equal("string", output.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(output.GetProperty("value").GetString()));
    }

    [Fact]
    public void Function_app_url_is_https()
    {
        // Act
        var uri = Assert.Single(CompiledTemplate.Module("api").Properties.GetProperty("template").GetProperty("outputs").EnumerateObject(), output => output.Name == "uri");

        // Assert
        Assert.StartsWith("[format('https://{0}'", uri.Value.GetProperty("value").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Server_uri_is_empty_without_the_container_app()
    {
        // Act
        var value = CompiledTemplate.Output("SERVER_URI").GetProperty("value").GetString();

        // Assert
        Assert.StartsWith("[if(parameters('deployContainerApp'), ", value, StringComparison.Ordinal);
        Assert.EndsWith(", '')]", value, StringComparison.Ordinal);
    }
}
