// Role assignments: exactly the data-plane roles G7Flows needs on its two storage accounts, the metrics
// publisher role for identity-based Application Insights and, only when asked for, the same storage data
// roles for the deployer so that a developer can run the app against the cloud accounts.

@description('Name of the storage account of the Functions host and the Durable Task hub.')
param storageAccountName string

@description('Name of the storage account of G7Flows\' own tables and containers.')
param dataStorageAccountName string

@description('Name of the Application Insights component the metrics publisher role is scoped to.')
param applicationInsightsName string

@description('Name of the app\'s user-assigned managed identity.')
param identityName string

@description('Give the deployer the storage data roles.')
param assignUser bool

@description('Principal (object) id of the deployer; used only when assignUser is true.')
param userPrincipalId string

@description('Principal type of the deployer: User when a person runs azd, ServicePrincipal in a pipeline.')
@allowed([
  'User'
  'ServicePrincipal'
])
param userPrincipalType string

// Storage Blob Data Owner: the Functions host's leases and deployment package, the Durable Task hub's
// large messages and leases (the Functions documentation asks for Owner on AzureWebJobsStorage).
var storageBlobDataOwnerRoleId = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
// Storage Blob Data Contributor: G7Flows' published records (read, write; immutability forbids the rest).
var storageBlobDataContributorRoleId = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
// Storage Queue Data Contributor: the Durable Task hub's control and work-item queues.
var storageQueueDataContributorRoleId = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
// Storage Table Data Contributor: the Durable Task hub's history and instances, G7Flows' own tables.
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
// Monitoring Metrics Publisher: sending telemetry to an Application Insights component with local auth off.
var monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'

var hostStorageRoleIds = [
  storageBlobDataOwnerRoleId
  storageQueueDataContributorRoleId
  storageTableDataContributorRoleId
]
var dataStorageRoleIds = [
  storageBlobDataContributorRoleId
  storageTableDataContributorRoleId
]

// Assignment names come from the identity's resource id (known before deployment, so What-If can
// predict them) rather than its principal id (known only once the identity exists).
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource dataStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: dataStorageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource appHostStorageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in hostStorageRoleIds: {
    name: guid(storage.id, identity.id, roleId)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource appDataStorageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in dataStorageRoleIds: {
    name: guid(dataStorage.id, identity.id, roleId)
    scope: dataStorage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource appMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, identity.id, monitoringMetricsPublisherRoleId)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisherRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource userHostStorageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in hostStorageRoleIds: if (assignUser) {
    name: guid(storage.id, userPrincipalId, roleId)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: userPrincipalId
      principalType: userPrincipalType
    }
  }
]

resource userDataStorageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in dataStorageRoleIds: if (assignUser) {
    name: guid(dataStorage.id, userPrincipalId, roleId)
    scope: dataStorage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: userPrincipalId
      principalType: userPrincipalType
    }
  }
]
