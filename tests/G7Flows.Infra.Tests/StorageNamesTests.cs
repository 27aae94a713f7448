using G7Flows.Infra.Tests.Support;
using G7Flows.Workflows.Platform.Storage;

namespace G7Flows.Infra.Tests;

/// <summary>
/// The deployment creates exactly the tables and containers the application names in StorageNames, in the
/// data storage account.
/// </summary>
public sealed class StorageNamesTests
{
    [Fact]
    public void Tables_in_the_template_equal_StorageNames_Tables()
    {
        // Arrange
        var tables = Assert.Single(CompiledTemplate.OfType("Microsoft.Storage/storageAccounts/tableServices/tables"));

        // Act
        var names = NamesCreatedBy(tables, "tables");

        // Assert
        Assert.Equal(StorageNames.Tables, names);
        Assert.Equal("dataStorage", tables.Module);
    }

    [Fact]
    public void Containers_in_the_template_equal_StorageNames_Containers()
    {
        // Arrange: the only container outside the loop is the Flex Consumption deployment package container.
        var containers = CompiledTemplate.OfType("Microsoft.Storage/storageAccounts/blobServices/containers").ToList();
        var looped = Assert.Single(containers, container => container.Json.TryGetProperty("copy", out _));
        var single = Assert.Single(containers, container => !container.Json.TryGetProperty("copy", out _));

        // Act
        var names = NamesCreatedBy(looped, "containers");

        // Assert
        Assert.Equal(StorageNames.Containers, names);
        Assert.Equal("dataStorage", looped.Module);
        Assert.Contains("parameters('deploymentContainerName')", single.Name, StringComparison.Ordinal);
        Assert.Equal("storage", single.Module);
    }

    [Fact]
    public void Storage_names_file_lists_StorageNames()
    {
        // Arrange
        using var file = System.Text.Json.JsonDocument.Parse(Repository.ReadAllText("infra", "storage-names.json"));

        // Act
        var tables = file.RootElement.GetProperty("tables").EnumerateArray().Select(name => name.GetString()!).ToList();
        var containers = file.RootElement.GetProperty("containers").EnumerateArray().Select(name => name.GetString()!).ToList();

        // Assert
        Assert.Equal(StorageNames.Tables, tables);
        Assert.Equal(StorageNames.Containers, containers);
        Assert.Contains(StorageNames.RecordsContainer, containers);
    }

    /// <summary>The names a copy loop over <c>storageNames.{list}</c> creates.</summary>
    private static List<string> NamesCreatedBy(TemplateResource loop, string list)
    {
        Assert.Contains($"variables('storageNames').{list}[copyIndex()]", loop.Name, StringComparison.Ordinal);
        Assert.Equal($"[length(variables('storageNames').{list})]", loop.Json.GetProperty("copy").GetProperty("count").GetString());
        return [.. loop.Variable("storageNames").GetProperty(list).EnumerateArray().Select(name => name.GetString()!)];
    }
}
