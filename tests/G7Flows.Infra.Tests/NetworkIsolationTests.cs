using System.Text.Json;
using G7Flows.Infra.Tests.Support;

namespace G7Flows.Infra.Tests;

/// <summary>
/// The networkIsolation option: a virtual network, private endpoints with private DNS for both storage
/// accounts, and its default (on for production, off for a trial).
/// </summary>
public sealed class NetworkIsolationTests
{
    private static TemplateResource VirtualNetwork => CompiledTemplate.Single("Microsoft.Network/virtualNetworks");

    private static JsonElement Subnet(string name) =>
        Assert.Single(VirtualNetwork.Properties.GetProperty("subnets").EnumerateArray(), subnet => subnet.GetProperty("name").GetString() == name);

    [Fact]
    public void Network_isolation_is_on_by_default_in_production_only()
    {
        // Act
        var networkIsolation = CompiledTemplate.MainParameter("networkIsolation");

        // Assert
        Assert.Equal("bool", networkIsolation.GetProperty("type").GetString());
        Assert.Equal("[equals(parameters('environmentType'), 'prod')]", networkIsolation.GetProperty("defaultValue").GetString());
    }

    [Theory]
    [InlineData("network")]
    [InlineData("storageEndpoints")]
    [InlineData("dataStorageEndpoints")]
    public void Private_network_modules_are_deployed_only_with_network_isolation(string module)
    {
        // Act
        var condition = CompiledTemplate.Module(module).Condition;

        // Assert
        Assert.Equal("[parameters('networkIsolation')]", condition);
    }

    [Theory]
    [InlineData("app")]
    [InlineData("server")]
    public void Compute_subnet_is_delegated_to_container_apps_environments(string name)
    {
        // Act: Flex Consumption and workload-profile Container Apps both integrate through this delegation.
        var delegation = Assert.Single(Subnet(name).GetProperty("properties").GetProperty("delegations").EnumerateArray());

        // Assert
        Assert.Equal("Microsoft.App/environments", delegation.GetProperty("properties").GetProperty("serviceName").GetString());
    }

    [Fact]
    public void Private_endpoints_have_a_subnet_of_their_own()
    {
        // Act
        var properties = Subnet("private-endpoints").GetProperty("properties");

        // Assert
        Assert.False(properties.TryGetProperty("delegations", out _));
        Assert.EndsWith(".outputs.privateEndpointsSubnetId.value]", CompiledTemplate.ModuleParameter("storageEndpoints", "subnetId").GetString(), StringComparison.Ordinal);
        Assert.EndsWith(".outputs.privateEndpointsSubnetId.value]", CompiledTemplate.ModuleParameter("dataStorageEndpoints", "subnetId").GetString(), StringComparison.Ordinal);
        Assert.Equal("[reference(resourceId('Microsoft.Network/virtualNetworks', parameters('name')), '2024-05-01').subnets[1].id]", CompiledTemplate.ModuleOutput("network", "privateEndpointsSubnetId"));
        Assert.Equal("[reference(resourceId('Microsoft.Network/virtualNetworks', parameters('name')), '2024-05-01').subnets[0].id]", CompiledTemplate.ModuleOutput("network", "appSubnetId"));
        Assert.Equal("[reference(resourceId('Microsoft.Network/virtualNetworks', parameters('name')), '2024-05-01').subnets[2].id]", CompiledTemplate.ModuleOutput("network", "serverSubnetId"));
        Assert.Equal(["app", "private-endpoints", "server"], VirtualNetwork.Properties.GetProperty("subnets").EnumerateArray().Select(subnet => subnet.GetProperty("name").GetString()));
    }

    [Theory]
    [InlineData("storageEndpoints", "storageAccountName", "blob,queue,table")]
    [InlineData("dataStorageEndpoints", "dataStorageAccountName", "blob,table")]
    public void Storage_account_gets_a_private_endpoint_per_service_it_serves(string module, string account, string services)
    {
        // Act
        var passedServices = CompiledTemplate.ModuleParameter(module, "services").EnumerateArray().Select(service => service.GetString());
        var passedAccount = CompiledTemplate.ModuleParameter(module, "storageAccountName").GetString();

        // Assert
        Assert.Equal(services.Split(','), passedServices);
        Assert.Equal($"[variables('{account}')]", passedAccount);
    }

    [Fact]
    public void Private_endpoint_connects_to_the_storage_service_and_registers_in_its_dns_zone()
    {
        // Arrange
        var endpoint = CompiledTemplate.SingleIn("storageEndpoints", "Microsoft.Network/privateEndpoints");
        var zoneGroup = CompiledTemplate.SingleIn("storageEndpoints", "Microsoft.Network/privateEndpoints/privateDnsZoneGroups");

        // Act
        var connection = Assert.Single(endpoint.Properties.GetProperty("privateLinkServiceConnections").EnumerateArray()).GetProperty("properties");
        var zone = Assert.Single(zoneGroup.Properties.GetProperty("privateDnsZoneConfigs").EnumerateArray()).GetProperty("properties");

        // Assert
        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]", connection.GetProperty("privateLinkServiceId").GetString());
        Assert.Equal(["[parameters('services')[copyIndex()]]"], connection.GetProperty("groupIds").EnumerateArray().Select(id => id.GetString()));
        Assert.Equal("[parameters('subnetId')]", endpoint.Properties.GetProperty("subnet").GetProperty("id").GetString());
        Assert.Equal("[parameters('privateDnsZoneIds')[parameters('services')[copyIndex()]]]", zone.GetProperty("privateDnsZoneId").GetString());
    }

    [Fact]
    public void Private_dns_zones_are_the_storage_privatelink_zones_of_this_cloud_linked_to_the_network()
    {
        // Arrange
        var zones = CompiledTemplate.Single("Microsoft.Network/privateDnsZones");
        var links = CompiledTemplate.Single("Microsoft.Network/privateDnsZones/virtualNetworkLinks");

        // Act
        var services = zones.Variable("services").EnumerateArray().Select(service => service.GetString());

        // Assert
        Assert.Equal(["blob", "queue", "table"], services);
        Assert.Equal("[format('privatelink.{0}.{1}', variables('services')[copyIndex()], environment().suffixes.storage)]", zones.Name);
        Assert.Equal("[resourceId('Microsoft.Network/virtualNetworks', parameters('name'))]", links.Properties.GetProperty("virtualNetwork").GetProperty("id").GetString());
        Assert.False(links.Properties.GetProperty("registrationEnabled").GetBoolean());
    }
}
