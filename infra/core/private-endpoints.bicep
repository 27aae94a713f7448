// Private endpoints of one storage account, one per storage service, each registered in the private DNS
// zone of its service so that the account's usual host name resolves to the private address.

@description('Name of the storage account.')
param storageAccountName string

@description('Storage services to reach privately: blob, queue, table.')
param services array

@description('Resource id of the subnet that holds the private endpoints.')
param subnetId string

@description('Resource id of the private DNS zone of each service, by service name.')
param privateDnsZoneIds object

@description('Azure region of the private endpoints.')
param location string

@description('Tags applied to the private endpoints.')
param tags object

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource endpoints 'Microsoft.Network/privateEndpoints@2024-05-01' = [
  for service in services: {
    name: 'pe-${storageAccountName}-${service}'
    location: location
    tags: tags
    properties: {
      subnet: {
        id: subnetId
      }
      privateLinkServiceConnections: [
        {
          name: service
          properties: {
            privateLinkServiceId: storage.id
            groupIds: [
              service
            ]
          }
        }
      ]
    }
  }
]

resource dnsZoneGroups 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = [
  for (service, index) in services: {
    parent: endpoints[index]
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [
        {
          name: service
          properties: {
            privateDnsZoneId: privateDnsZoneIds[service]
          }
        }
      ]
    }
  }
]
