// The private network of an isolated deployment: one virtual network with a subnet for the function app's
// outbound traffic (VNet integration), one for the private endpoints of the storage accounts and one for
// the optional Container Apps environment, plus the private DNS zones that make the storage accounts'
// ordinary host names resolve to their private endpoints inside the network.

@description('Name of the virtual network.')
param name string

@description('Azure region of the virtual network.')
param location string

@description('Tags applied to the network resources.')
param tags object

var services = [
  'blob'
  'queue'
  'table'
]

resource virtualNetwork 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.0.0.0/16'
      ]
    }
    // Inline, not child resources: subnets of one network cannot be written in parallel.
    subnets: [
      {
        // Flex Consumption integrates with a subnet delegated to Microsoft.App/environments.
        name: 'app'
        properties: {
          addressPrefix: '10.0.1.0/24'
          delegations: [
            {
              name: 'flex-consumption'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
      {
        name: 'private-endpoints'
        properties: {
          addressPrefix: '10.0.2.0/24'
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
      {
        // A workload-profiles Container Apps environment needs its own delegated subnet of at least /27.
        name: 'server'
        properties: {
          addressPrefix: '10.0.4.0/23'
          delegations: [
            {
              name: 'container-apps'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
    ]
  }
}

resource privateDnsZones 'Microsoft.Network/privateDnsZones@2024-06-01' = [
  for service in services: {
    name: 'privatelink.${service}.${environment().suffixes.storage}'
    location: 'global'
    tags: tags
  }
]

resource privateDnsZoneLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for (service, index) in services: {
    parent: privateDnsZones[index]
    name: name
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: virtualNetwork.id
      }
    }
  }
]

output id string = virtualNetwork.id
output appSubnetId string = virtualNetwork.properties.subnets[0].id
output privateEndpointsSubnetId string = virtualNetwork.properties.subnets[1].id
output serverSubnetId string = virtualNetwork.properties.subnets[2].id
output privateDnsZoneIds object = {
  blob: privateDnsZones[0].id
  queue: privateDnsZones[1].id
  table: privateDnsZones[2].id
}
