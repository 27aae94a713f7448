using Azure.Identity;
using G7Flows.Functions.Hosting;

namespace G7Flows.Functions.Tests.Hosting;

public sealed class TelemetrySettingsTests
{
    [Theory]
    [InlineData("Authorization=AAD;ClientId=00000000-0000-0000-0000-000000000001")]
    [InlineData(" authorization = aad ; clientid = 00000000-0000-0000-0000-000000000001 ")]
    [InlineData("Authorization=AAD")]
    public void An_AAD_authentication_string_gives_a_managed_identity_credential(string setting)
    {
        // Act
        var credential = TelemetrySettings.CreateCredential(setting);

        // Assert
        Assert.IsType<ManagedIdentityCredential>(credential);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Authorization=Key")]
    [InlineData("ClientId=00000000-0000-0000-0000-000000000001")]
    public void Without_an_AAD_authentication_string_there_is_no_credential(string? setting)
    {
        // Act
        var credential = TelemetrySettings.CreateCredential(setting);

        // Assert
        Assert.Null(credential);
    }
}
