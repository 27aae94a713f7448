// The storage account of G7Flows' own data: the tables (the audit trail among them) and the blob
// containers named in storage-names.json. Kept apart from the Functions host's account so that its
// roles, network rules, logs and retention answer only to the data: blob versioning is on, the records
// container is write once, read many for recordsRetentionDays, and every read, write and delete of a
// blob or a table entity is logged to the Log Analytics workspace.

@description('Name of the storage account (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region of the storage account.')
param location string

@description('Tags applied to the storage account.')
param tags object

@description('Refuse every request from a public network; clients come through private endpoints.')
param networkIsolation bool

@description('Days a blob version in the records container stays immutable after it is written.')
@minValue(1)
@maxValue(146000)
param recordsRetentionDays int

@description('The records retention policy has been locked; a locked policy cannot be written, so it is left alone.')
param recordsRetentionLocked bool

@description('Resource id of the Log Analytics workspace that receives the blob and table logs.')
param logAnalyticsId string

// One list of names for C# and Bicep; tests/G7Flows.Infra.Tests compares it with StorageNames.
var storageNames = loadJsonContent('../storage-names.json')
// Published consultation records: StorageNames.RecordsContainer.
var recordsContainerName = 'records'
var auditLogs = [
  {
    category: 'StorageRead'
    enabled: true
  }
  {
    category: 'StorageWrite'
    enabled: true
  }
  {
    category: 'StorageDelete'
    enabled: true
  }
]

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    dnsEndpointType: 'Standard'
    minimumTlsVersion: 'TLS1_2'
    publicNetworkAccess: networkIsolation ? 'Disabled' : 'Enabled'
    supportsHttpsTrafficOnly: true
    networkAcls: {
      bypass: networkIsolation ? 'None' : 'AzureServices'
      defaultAction: networkIsolation ? 'Deny' : 'Allow'
    }
  }

  resource blobServices 'blobServices' = {
    name: 'default'
    properties: {
      // Version-level immutability of the records container needs versioning.
      isVersioningEnabled: true
      deleteRetentionPolicy: {
        enabled: true
        days: 7
      }
      containerDeleteRetentionPolicy: {
        enabled: true
        days: 7
      }
    }

    resource appContainers 'containers' = [
      for container in storageNames.containers: {
        name: container
        properties: {
          publicAccess: 'None'
          // Version-level immutability (write once, read many) for the published records.
          immutableStorageWithVersioning: {
            enabled: container == recordsContainerName
          }
        }
      }
    ]
  }

  resource tableServices 'tableServices' = {
    name: 'default'

    resource appTables 'tables' = [
      for table in storageNames.tables: {
        name: table
      }
    ]
  }
}

// The records container's default time-based retention: every blob version written there can be read but
// neither changed nor deleted until it is recordsRetentionDays old. Unlocked it can still be shortened or
// removed by someone allowed to; docs/deploy.md describes locking it for production.
resource recordsRetention 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2023-05-01' = if (!recordsRetentionLocked) {
  parent: storage::blobServices::appContainers[indexOf(storageNames.containers, recordsContainerName)]
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: recordsRetentionDays
    allowProtectedAppendWrites: false
  }
}

// The audit trail and the published records must themselves be audited: who read, wrote or deleted what.
resource blobAudit 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit-to-log-analytics'
  scope: storage::blobServices
  properties: {
    workspaceId: logAnalyticsId
    logs: auditLogs
    metrics: [
      {
        category: 'Transaction'
        enabled: true
      }
    ]
  }
}

resource tableAudit 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit-to-log-analytics'
  scope: storage::tableServices
  properties: {
    workspaceId: logAnalyticsId
    logs: auditLogs
    metrics: [
      {
        category: 'Transaction'
        enabled: true
      }
    ]
  }
}

output name string = storage.name
output id string = storage.id
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output tableEndpoint string = storage.properties.primaryEndpoints.table
