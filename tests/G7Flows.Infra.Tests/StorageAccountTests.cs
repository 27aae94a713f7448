using G7Flows.Infra.Tests.Support;

namespace G7Flows.Infra.Tests;

public sealed class StorageAccountTests
{
    private static TemplateResource StorageAccount => CompiledTemplate.Single("Microsoft.Storage/storageAccounts");

    [Fact]
    public void Storage_account_refuses_shared_key_access()
    {
        // Act
        var allowSharedKeyAccess = StorageAccount.Properties.GetProperty("allowSharedKeyAccess").GetBoolean();

        // Assert
        Assert.False(allowSharedKeyAccess);
    }

    [Fact]
    public void Storage_account_accepts_https_only()
    {
        // Act
        var httpsOnly = StorageAccount.Properties.GetProperty("supportsHttpsTrafficOnly").GetBoolean();

        // Assert
        Assert.True(httpsOnly);
    }

    [Fact]
    public void Storage_account_requires_tls_1_2()
    {
        // Act
        var minimumTlsVersion = StorageAccount.Properties.GetProperty("minimumTlsVersion").GetString();

        // Assert
        Assert.Equal("TLS1_2", minimumTlsVersion);
    }

    [Fact]
    public void Storage_account_allows_no_public_blob_access()
    {
        // Act
        var allowBlobPublicAccess = StorageAccount.Properties.GetProperty("allowBlobPublicAccess").GetBoolean();

        // Assert
        Assert.False(allowBlobPublicAccess);
    }

    [Fact]
    public void Every_blob_container_is_private()
    {
        // Arrange
        var containers = CompiledTemplate.OfType("Microsoft.Storage/storageAccounts/blobServices/containers").ToList();

        // Act
        var publicAccess = containers.Select(container => container.Properties.GetProperty("publicAccess").GetString());

        // Assert
        Assert.NotEmpty(containers);
        Assert.All(publicAccess, access => Assert.Equal("None", access));
    }
}
