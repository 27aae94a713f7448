// Optional: the self-hosted G7Flows server (functions/G7Flows.Server, ASP.NET Core on port 8080) as an
// Azure Container App, on the same storage accounts and identity as the function app but its own task hub,
// with JWT bearer authentication against the same Microsoft Entra app registration. In an isolated
// deployment its environment joins the virtual network, so that it reaches storage privately.

@description('Name of the Container Apps environment.')
param environmentName string

@description('Name of the container app.')
param name string

@description('Azure region of the environment and the app.')
param location string

@description('Tags applied to the environment and the app.')
param tags object

@description('Container image of the G7Flows server.')
param image string

@description('Registry server of the image (for example myregistry.azurecr.io) pulled with the managed identity (main.bicep grants AcrPull on an Azure Container Registry); empty for a public image.')
param registryServer string = ''

@description('Resource id of the Log Analytics workspace that receives the environment\'s logs.')
param logAnalyticsId string

@description('Resource id of the user-assigned managed identity the app runs as.')
param identityId string

@description('Client id of the user-assigned managed identity.')
param identityClientId string

@description('Name of the storage account of the Durable Task hub.')
param storageAccountName string

@description('Name of the storage account of G7Flows\' own tables and containers.')
param dataStorageAccountName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Durable Task hub name.')
param taskHubName string

@description('When scheduled reports run: a six-field NCRONTAB expression in UTC (default 06:00 on the 1st of each month).')
param reportSchedule string = '0 0 6 1 * *'

@description('When the decision sweep runs: it wakes consultations whose stored answers decided the outcome but whose orchestration was not woken (the process stopped after the 202). Six-field NCRONTAB, UTC; default every 15 s.')
param decisionSweepSchedule string = '*/15 * * * * *'

@description('The period a scheduled report covers.')
@allowed(['month', 'quarter'])
param reportPeriod string = 'month'

@description('Client (application) id of the G7Flows API app registration in Microsoft Entra ID.')
param authClientId string

@description('Tenant id of the G7Flows API app registration.')
param authTenantId string

@description('Resource id of the delegated subnet the environment joins; empty for none.')
param infrastructureSubnetId string

@description('Replicas kept running: the durable engine polls its queues and runs the schedule, so at least one.')
@minValue(1)
@maxValue(10)
param minReplicas int = 1

@description('Upper bound of replicas; they share the task hub\'s partitions through leases.')
@minValue(1)
@maxValue(10)
param maxReplicas int = 3

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource dataStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: dataStorageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource containerAppsEnvironment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: environmentName
  location: location
  tags: tags
  properties: {
    // Logs go through Azure Monitor diagnostic settings, so no workspace shared key is needed.
    appLogsConfiguration: {
      destination: 'azure-monitor'
    }
    vnetConfiguration: empty(infrastructureSubnetId)
      ? null
      : {
          infrastructureSubnetId: infrastructureSubnetId
          internal: false
        }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
  }
}

resource environmentLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'logs-to-log-analytics'
  scope: containerAppsEnvironment
  properties: {
    workspaceId: logAnalyticsId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
  }
}

resource server 'Microsoft.App/containerApps@2024-03-01' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    environmentId: containerAppsEnvironment.id
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 8080
        transport: 'auto'
        allowInsecure: false
      }
      registries: empty(registryServer)
        ? []
        : [
            {
              server: registryServer
              identity: identityId
            }
          ]
    }
    template: {
      containers: [
        {
          name: 'server'
          image: image
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
          env: [
            { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
            { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
            { name: 'AzureWebJobsStorage__blobServiceUri', value: storage.properties.primaryEndpoints.blob }
            { name: 'AzureWebJobsStorage__queueServiceUri', value: storage.properties.primaryEndpoints.queue }
            { name: 'AzureWebJobsStorage__tableServiceUri', value: storage.properties.primaryEndpoints.table }
            { name: 'G7Flows__DataStorage__credential', value: 'managedidentity' }
            { name: 'G7Flows__DataStorage__clientId', value: identityClientId }
            { name: 'G7Flows__DataStorage__blobServiceUri', value: dataStorage.properties.primaryEndpoints.blob }
            { name: 'G7Flows__DataStorage__tableServiceUri', value: dataStorage.properties.primaryEndpoints.table }
            { name: 'G7Flows__TaskHub', value: taskHubName }
            // Requests for any other host name are refused (400): the app's own address on the environment's domain.
            { name: 'AllowedHosts', value: '${name}.${containerAppsEnvironment.properties.defaultDomain}' }
            { name: 'G7Flows__Reports__Schedule', value: reportSchedule }
            { name: 'G7Flows__Reports__Period', value: reportPeriod }
            { name: 'G7Flows__Consultations__DecisionSweep', value: decisionSweepSchedule }
            { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsights.properties.ConnectionString }
            { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'Authorization=AAD;ClientId=${identityClientId}' }
            { name: 'AZURE_CLIENT_ID', value: identityClientId }
            {
              name: 'Authentication__Schemes__Bearer__Authority'
              value: '${environment().authentication.loginEndpoint}${authTenantId}/v2.0'
            }
            // v1.0 access tokens carry the application id URI as audience, v2.0 tokens the client id.
            { name: 'Authentication__Schemes__Bearer__ValidAudiences__0', value: 'api://${authClientId}' }
            { name: 'Authentication__Schemes__Bearer__ValidAudiences__1', value: authClientId }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
      }
    }
  }
}

output name string = server.name
output uri string = 'https://${server.properties.configuration.ingress.fqdn}'
