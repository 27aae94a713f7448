// G7Flows in Azure: the functions app on Flex Consumption with a user-assigned identity, a keyless storage
// account for the Functions host and the Durable Task hub, a second keyless account for G7Flows' own data
// (audit trail, published records), identity-only monitoring, App Service Authentication with Microsoft
// Entra ID and, optionally, a private network, Azure Front Door with a rate limit and the self-hosted
// server as a Container App. Deployed by `azd up` (see docs/deploy.md).
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; it names the resource group and seeds the unique resource names.')
param environmentName string

@minLength(1)
@description('Azure region of every resource; it must offer the Flex Consumption plan with .NET 10 isolated.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('prod or dev. Production turns on network isolation and a long records retention by default. Empty (the azd default) derives it from the environment name: a name containing "prod" is production.')
@allowed([
  'dev'
  'prod'
])
param environmentType string = contains(toLower(environmentName), 'prod') ? 'prod' : 'dev'

@description('Private storage: public network access off, private endpoints for blob, queue and table, the function app in a virtual network, the SCM site closed to all but scmAllowedIpRanges. On by default in production, off for a quick trial.')
param networkIsolation bool = environmentType == 'prod'

@description('Comma-separated IPv4 ranges (CIDR) that may reach the SCM (deployment) site when networkIsolation is on: the machine or pipeline that runs azd deploy. Empty closes it to everyone.')
param scmAllowedIpRanges string = ''

@description('Principal (object) id of the deployer; azd sets AZURE_PRINCIPAL_ID. Used only when deployerDataAccess is true.')
param principalId string = ''

@description('Principal type of the deployer: User when a person runs azd, ServicePrincipal in a pipeline.')
@allowed([
  'User'
  'ServicePrincipal'
])
param principalType string = 'User'

@description('Give the deployer the same storage data roles as the app (to run the server locally against the cloud storage). Off by default: least privilege.')
param deployerDataAccess bool = false

@description('Client (application) id of the G7Flows API app registration in Microsoft Entra ID (AUTH_CLIENT_ID).')
@minLength(36)
@maxLength(36)
param authClientId string

@description('Tenant id of the G7Flows API app registration (AUTH_TENANT_ID); empty for the deployment\'s tenant.')
param authTenantId string = ''

@description('Comma-separated client ids of the applications whose tokens Easy Auth accepts (a front end, the Azure CLI for checks). Empty accepts none but the API\'s own registration.')
param authAllowedApplications string = ''

@description('Comma-separated object ids of the Microsoft Entra groups whose members Easy Auth accepts; empty for no group restriction. Needs the groups claim in tokens.')
param authAllowedGroups string = ''

@description('Comma-separated object ids of the users or service principals Easy Auth accepts; empty for no restriction by identity.')
param authAllowedIdentities string = ''

@description('Always-ready instances of the durable trigger group (orchestrations, activities, entities) on Flex Consumption; Microsoft recommends at least one for Durable Functions. 0 scales to zero.')
@minValue(0)
@maxValue(10)
param alwaysReadyDurableInstances int = 1

@description('Days a published record stays immutable (write once, read many) in the records container. 1 outside production, so that a trial environment can be deleted a day later.')
@minValue(1)
@maxValue(146000)
param recordsRetentionDays int = environmentType == 'prod' ? 3650 : 1

@description('Set to true once the records retention policy has been locked (docs/deploy.md): a locked policy cannot be written again, so provisioning leaves it alone.')
param recordsRetentionLocked bool = false

@description('Put Azure Front Door (Standard) with a web application firewall in front of the function app, rate limiting the anonymous paths per client IP; the app then accepts traffic only from this Front Door.')
param deployFrontDoor bool = false

@description('Requests per minute one client IP may send to the anonymous paths through Front Door before it gets 429.')
@minValue(10)
@maxValue(10000)
param anonymousRateLimitPerMinute int = 120

@description('Also deploy the self-hosted G7Flows server as an Azure Container App.')
param deployContainerApp bool = false

@description('Container image of the G7Flows server, used when deployContainerApp is true.')
param serverImage string = 'mcr.microsoft.com/dotnet/samples:aspnetapp'

@description('Registry of serverImage, pulled with the managed identity; an Azure Container Registry (*.azurecr.io) gets AcrPull for the identity here. Empty for a public image.')
param serverRegistryServer string = ''

@description('Resource group of the Azure Container Registry in serverRegistryServer (same subscription); empty for this deployment\'s resource group.')
param serverRegistryResourceGroup string = ''

var abbreviations = {
  applicationInsights: 'appi-'
  containerApp: 'ca-'
  containerAppsEnvironment: 'cae-'
  frontDoor: 'afd-'
  functionApp: 'func-'
  logAnalytics: 'log-'
  managedIdentity: 'id-'
  plan: 'plan-'
  resourceGroup: 'rg-'
  storageAccount: 'st'
  virtualNetwork: 'vnet-'
  webApplicationFirewall: 'waf'
}
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var taskHubName = 'G7Flows'
// The optional server container has a task hub of its own: sharing the function app's would let either take the
// other's work (and run it with another build).
var serverTaskHubName = 'G7FlowsServer'
var effectiveAuthTenantId = empty(authTenantId) ? tenant().tenantId : authTenantId
// The comma-separated parameters (azd passes text) as lists, without spaces.
var authAllowedApplicationIds = empty(trim(authAllowedApplications)) ? [] : split(replace(authAllowedApplications, ' ', ''), ',')
var authAllowedGroupIds = empty(trim(authAllowedGroups)) ? [] : split(replace(authAllowedGroups, ' ', ''), ',')
var authAllowedIdentityIds = empty(trim(authAllowedIdentities)) ? [] : split(replace(authAllowedIdentities, ' ', ''), ',')
var scmAllowedIpRangeList = empty(trim(scmAllowedIpRanges)) ? [] : split(replace(scmAllowedIpRanges, ' ', ''), ',')
// Easy Auth reads an empty list as "any application", so the list always has the API's own registration, which is
// also the client of the web app's browser sign-in (it has no secret, so it gets tokens only through that sign-in);
// other clients call once they are named (docs/deploy.md).
var effectiveAuthAllowedApplications = union([authClientId], authAllowedApplicationIds)
var functionAppName = '${abbreviations.functionApp}api-${resourceToken}'
var identityName = '${abbreviations.managedIdentity}api-${resourceToken}'
// The Functions host and the Durable Task hub live in one account, G7Flows' own data in another.
var storageAccountName = '${abbreviations.storageAccount}${resourceToken}'
var dataStorageAccountName = '${abbreviations.storageAccount}data${resourceToken}'
var applicationInsightsName = '${abbreviations.applicationInsights}${resourceToken}'
// Flex Consumption reads its deployment package from this container.
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(resourceToken, 7)}'
// The one list of anonymous paths: Easy Auth's excluded paths and the Front Door rate limit both use it.
var anonymousPaths = loadJsonContent('anonymous-paths.json').paths
// The web app's shell, files and sign-in, which load before anyone signs in: Easy Auth lets them through too, but the
// rate limit does not count them (its rule matches by "contains", and "/" is in every request).
var webPaths = loadJsonContent('anonymous-paths.json').webPaths
var frontDoorProfileName = '${abbreviations.frontDoor}${resourceToken}'
var assignRegistryPull = deployContainerApp && endsWith(toLower(serverRegistryServer), environment().suffixes.acrLoginServer)

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbreviations.resourceGroup}${environmentName}'
  location: location
  tags: tags
}

module identity 'core/identity.bicep' = {
  name: 'identity'
  scope: resourceGroup
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module monitoring 'core/monitoring.bicep' = {
  name: 'monitoring'
  scope: resourceGroup
  params: {
    logAnalyticsName: '${abbreviations.logAnalytics}${resourceToken}'
    applicationInsightsName: applicationInsightsName
    location: location
    tags: tags
  }
}

module storage 'core/storage.bicep' = {
  name: 'storage'
  scope: resourceGroup
  params: {
    name: storageAccountName
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    networkIsolation: networkIsolation
  }
}

module dataStorage 'core/data-storage.bicep' = {
  name: 'dataStorage'
  scope: resourceGroup
  params: {
    name: dataStorageAccountName
    location: location
    tags: tags
    networkIsolation: networkIsolation
    recordsRetentionDays: recordsRetentionDays
    recordsRetentionLocked: recordsRetentionLocked
    logAnalyticsId: monitoring.outputs.logAnalyticsId
  }
}

module network 'core/network.bicep' = if (networkIsolation) {
  name: 'network'
  scope: resourceGroup
  params: {
    name: '${abbreviations.virtualNetwork}${resourceToken}'
    location: location
    tags: tags
  }
}

module storageEndpoints 'core/private-endpoints.bicep' = if (networkIsolation) {
  name: 'storageEndpoints'
  scope: resourceGroup
  params: {
    storageAccountName: storageAccountName
    services: [
      'blob'
      'queue'
      'table'
    ]
    subnetId: network!.outputs.privateEndpointsSubnetId
    privateDnsZoneIds: network!.outputs.privateDnsZoneIds
    location: location
    tags: tags
  }
  dependsOn: [
    storage
  ]
}

module dataStorageEndpoints 'core/private-endpoints.bicep' = if (networkIsolation) {
  name: 'dataStorageEndpoints'
  scope: resourceGroup
  params: {
    storageAccountName: dataStorageAccountName
    services: [
      'blob'
      'table'
    ]
    subnetId: network!.outputs.privateEndpointsSubnetId
    privateDnsZoneIds: network!.outputs.privateDnsZoneIds
    location: location
    tags: tags
  }
  dependsOn: [
    dataStorage
  ]
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: resourceGroup
  params: {
    storageAccountName: storageAccountName
    dataStorageAccountName: dataStorageAccountName
    applicationInsightsName: applicationInsightsName
    identityName: identityName
    assignUser: deployerDataAccess && !empty(principalId)
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
  dependsOn: [
    identity
    monitoring
    storage
    dataStorage
  ]
}

module frontDoor 'app/front-door.bicep' = if (deployFrontDoor) {
  name: 'frontDoor'
  scope: resourceGroup
  params: {
    profileName: frontDoorProfileName
    wafPolicyName: '${abbreviations.webApplicationFirewall}${resourceToken}'
    tags: tags
    anonymousPaths: anonymousPaths
    anonymousRateLimitPerMinute: anonymousRateLimitPerMinute
    logAnalyticsId: monitoring.outputs.logAnalyticsId
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: resourceGroup
  params: {
    name: functionAppName
    planName: '${abbreviations.plan}${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storageAccountName
    dataStorageAccountName: dataStorageAccountName
    deploymentContainerName: deploymentContainerName
    applicationInsightsName: applicationInsightsName
    logAnalyticsId: monitoring.outputs.logAnalyticsId
    taskHubName: taskHubName
    alwaysReadyDurableInstances: alwaysReadyDurableInstances
    authClientId: authClientId
    authTenantId: effectiveAuthTenantId
    authAllowedApplications: effectiveAuthAllowedApplications
    authAllowedGroups: authAllowedGroupIds
    authAllowedIdentities: authAllowedIdentityIds
    anonymousPaths: concat(anonymousPaths, webPaths)
    virtualNetworkSubnetId: networkIsolation ? network!.outputs.appSubnetId : ''
    restrictScm: networkIsolation
    scmAllowedIpRanges: scmAllowedIpRangeList
    frontDoorId: deployFrontDoor ? frontDoor!.outputs.frontDoorId : ''
  }
  dependsOn: [
    rbac // the host needs its storage roles before it starts
    storage
    dataStorage
    storageEndpoints // and, in a private network, a way to reach its storage
    dataStorageEndpoints
  ]
}

module frontDoorRoute 'app/front-door-route.bicep' = if (deployFrontDoor) {
  name: 'frontDoorRoute'
  scope: resourceGroup
  params: {
    profileName: frontDoorProfileName
    endpointName: '${abbreviations.frontDoor}api-${resourceToken}'
    originHostName: api.outputs.defaultHostName
    wafPolicyId: frontDoor!.outputs.wafPolicyId
    tags: tags
  }
}

module registryPull 'app/registry-pull.bicep' = if (assignRegistryPull) {
  name: 'registryPull'
  scope: az.resourceGroup(empty(serverRegistryResourceGroup) ? resourceGroup.name : serverRegistryResourceGroup)
  params: {
    registryName: split(serverRegistryServer, '.')[0]
    identityName: identityName
    identityPrincipalId: identity.outputs.principalId
  }
}

module server 'app/server.bicep' = if (deployContainerApp) {
  name: 'server'
  scope: resourceGroup
  params: {
    environmentName: '${abbreviations.containerAppsEnvironment}${resourceToken}'
    name: '${abbreviations.containerApp}server-${resourceToken}'
    location: location
    tags: tags
    image: serverImage
    registryServer: serverRegistryServer
    logAnalyticsId: monitoring.outputs.logAnalyticsId
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storageAccountName
    dataStorageAccountName: dataStorageAccountName
    applicationInsightsName: applicationInsightsName
    taskHubName: serverTaskHubName
    authClientId: authClientId
    authTenantId: effectiveAuthTenantId
    infrastructureSubnetId: networkIsolation ? network!.outputs.serverSubnetId : ''
  }
  dependsOn: [
    rbac
    registryPull // the image pull role before the first revision is created
    storage
    dataStorage
    storageEndpoints
    dataStorageEndpoints
  ]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output AZURE_ENVIRONMENT_TYPE string = environmentType
output AZURE_NETWORK_ISOLATION bool = networkIsolation
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output AZURE_FUNCTION_APP_URI string = api.outputs.uri
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = deployFrontDoor ? frontDoorRoute!.outputs.uri : api.outputs.uri
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_STORAGE_QUEUE_ENDPOINT string = storage.outputs.queueEndpoint
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint
output AZURE_DATA_STORAGE_ACCOUNT_NAME string = dataStorage.outputs.name
output AZURE_DATA_STORAGE_BLOB_ENDPOINT string = dataStorage.outputs.blobEndpoint
output AZURE_DATA_STORAGE_TABLE_ENDPOINT string = dataStorage.outputs.tableEndpoint
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output AZURE_LOG_ANALYTICS_NAME string = monitoring.outputs.logAnalyticsName
output G7FLOWS_TASK_HUB string = taskHubName
output AUTH_CLIENT_ID string = authClientId
output AUTH_TENANT_ID string = effectiveAuthTenantId
output AUTH_AUDIENCE string = 'api://${authClientId}'
output SERVER_URI string = deployContainerApp ? server!.outputs.uri : ''
