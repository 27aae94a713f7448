// Log Analytics workspace and a workspace-based Application Insights component. Neither accepts data sent
// with a key alone: telemetry needs a Microsoft Entra token (the app's managed identity), and the
// workspace's own ingestion API is closed to its shared keys.

@description('Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Azure region of the monitoring resources.')
param location string

@description('Tags applied to the monitoring resources.')
param tags object

@description('Days of retention in the Log Analytics workspace (30 is included in the price of ingestion).')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      // Data arrives through diagnostic settings and Application Insights, never with the workspace key.
      disableLocalAuth: true
    }
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    // Telemetry must be sent with a Microsoft Entra token (the app's managed identity), not the key alone.
    DisableLocalAuth: true
  }
}

// The component's telemetry already lands in the workspace (it is workspace-based), so only its platform
// metrics are sent: exporting its logs too would ingest, and bill, every record twice.
resource applicationInsightsDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'metrics-to-log-analytics'
  scope: applicationInsights
  properties: {
    workspaceId: logAnalytics.id
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

output logAnalyticsId string = logAnalytics.id
output logAnalyticsName string = logAnalytics.name
output applicationInsightsName string = applicationInsights.name
