// The G7Flows functions app (functions/G7Flows.Functions) on a Flex Consumption plan, running as a
// user-assigned managed identity, with App Service Authentication (Microsoft Entra ID) in front of the API,
// optionally inside a virtual network and behind Azure Front Door.

@description('Name of the function app.')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region of the plan and the app.')
param location string

@description('Tags applied to the plan and the app; the app also gets azd-service-name.')
param tags object

@description('The azure.yaml service this app hosts.')
param serviceName string = 'api'

@description('Resource id of the user-assigned managed identity the app runs as.')
param identityId string

@description('Client id of the user-assigned managed identity.')
param identityClientId string

@description('Name of the storage account of the Functions host and the Durable Task hub.')
param storageAccountName string

@description('Name of the storage account of G7Flows\' own tables and containers.')
param dataStorageAccountName string

@description('Blob container that receives the deployment package.')
param deploymentContainerName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Resource id of the Log Analytics workspace that receives the app\'s platform logs.')
param logAnalyticsId string

@description('Durable Task hub name shared by every G7Flows host.')
param taskHubName string

@description('When scheduled reports run: a six-field NCRONTAB expression in UTC (default 06:00 on the 1st of each month).')
param reportSchedule string = '0 0 6 1 * *'

@description('When the decision sweep runs: it wakes consultations whose stored answers decided the outcome but whose orchestration was not woken (the process stopped after the 202). Six-field NCRONTAB, UTC; default every 15 s.')
param decisionSweepSchedule string = '*/15 * * * * *'

@description('The period a scheduled report covers.')
@allowed(['month', 'quarter'])
param reportPeriod string = 'month'

@description('Memory of each instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Upper bound of instances the app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Always-ready instances of the durable trigger group; 0 lets it scale to zero.')
@minValue(0)
param alwaysReadyDurableInstances int

@description('Client (application) id of the G7Flows API app registration in Microsoft Entra ID.')
param authClientId string

@description('Tenant id of the G7Flows API app registration.')
param authTenantId string

@description('Client ids of the applications whose tokens Easy Auth accepts; never empty (an empty list would accept any application).')
@minLength(1)
param authAllowedApplications array

@description('Object ids of the groups whose members Easy Auth accepts; empty for no group restriction.')
param authAllowedGroups array

@description('Object ids of the users or service principals Easy Auth accepts; empty for no restriction by identity.')
param authAllowedIdentities array

@description('Paths served without authentication (App Service Authentication excludedPaths), from infra/anonymous-paths.json: the API\'s anonymous routes and the web app\'s shell, files and sign-in.')
param anonymousPaths array

@description('Resource id of the subnet for VNet integration; empty for none.')
param virtualNetworkSubnetId string

@description('Close the SCM (deployment) site to every address but scmAllowedIpRanges.')
param restrictScm bool

@description('IPv4 ranges (CIDR) allowed to reach the SCM site when restrictScm is true.')
param scmAllowedIpRanges array

@description('Id of the Azure Front Door profile (its X-Azure-FDID header) that alone may reach the app; empty to accept any caller.')
param frontDoorId string

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource dataStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: dataStorageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// An empty list means "no restriction" to Easy Auth, so a list is sent only when it has entries.
var allowedPrincipals = union(
  empty(authAllowedGroups) ? {} : { groups: authAllowedGroups },
  empty(authAllowedIdentities) ? {} : { identities: authAllowedIdentities }
)

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Outbound traffic (storage, through its private endpoints) leaves through the virtual network.
    virtualNetworkSubnetId: empty(virtualNetworkSubnetId) ? null : virtualNetworkSubnetId
    siteConfig: {
      minTlsVersion: '1.2'
      // Behind Front Door the app answers only requests that carry this profile's id from Front Door's
      // address ranges; anyone else gets 403 before reaching Easy Auth or the code.
      ipSecurityRestrictionsDefaultAction: empty(frontDoorId) ? 'Allow' : 'Deny'
      ipSecurityRestrictions: empty(frontDoorId)
        ? []
        : [
            {
              name: 'front-door-only'
              action: 'Allow'
              priority: 100
              tag: 'ServiceTag'
              ipAddress: 'AzureFrontDoor.Backend'
              headers: {
                'x-azure-fdid': [
                  frontDoorId
                ]
              }
            }
          ]
      // The SCM site (where azd deploy publishes the package) keeps its own rules.
      scmIpSecurityRestrictionsUseMain: false
      scmIpSecurityRestrictionsDefaultAction: restrictScm ? 'Deny' : 'Allow'
      scmIpSecurityRestrictions: restrictScm
        ? map(range(0, length(scmAllowedIpRanges)), index => {
            name: 'deployer-${index}'
            action: 'Allow'
            priority: 100 + index
            ipAddress: scmAllowedIpRanges[index]
          })
        : []
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        // Durable Functions on Flex Consumption: an always-ready instance of the durable group keeps the
        // orchestrations' queues polled without waiting for a scale-out from zero.
        alwaysReady: alwaysReadyDurableInstances == 0
          ? []
          : [
              {
                name: 'durable'
                instanceCount: alwaysReadyDurableInstances
              }
            ]
      }
      // Flex Consumption takes the runtime from here; FUNCTIONS_WORKER_RUNTIME and
      // FUNCTIONS_EXTENSION_VERSION are not allowed in its app settings.
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  // The sites/config writes below run one after another (dependsOn): ARM would otherwise send them in
  // parallel, and concurrent writes to one site's configuration conflict or overwrite each other.

  // Identity-based connections only: no account keys, no connection strings with secrets.
  // WEBSITE_AUTH_ENABLED is never set here: App Service sets it when Easy Auth is on, and the code trusts
  // X-MS-CLIENT-PRINCIPAL only then; an app setting would make the header forgeable (a test checks).
  resource appSettings 'config' = {
    name: 'appsettings'
    properties: {
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identityClientId
      AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
      AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
      AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
      // The web app is served at / by the app's own function (WebTriggers), never the host's default home page.
      AzureWebJobsDisableHomepage: 'true'
      // G7Flows' own tables and containers, in their own account.
      G7Flows__DataStorage__credential: 'managedidentity'
      G7Flows__DataStorage__clientId: identityClientId
      G7Flows__DataStorage__blobServiceUri: dataStorage.properties.primaryEndpoints.blob
      G7Flows__DataStorage__tableServiceUri: dataStorage.properties.primaryEndpoints.table
      G7Flows__TaskHub: taskHubName
      // The report timer binds to %G7Flows:Reports:Schedule%: the host cannot index it without this setting.
      G7Flows__Reports__Schedule: reportSchedule
      G7Flows__Reports__Period: reportPeriod
      // The decision sweep's timer binds to %G7Flows:Consultations:DecisionSweep%, likewise.
      G7Flows__Consultations__DecisionSweep: decisionSweepSchedule
      APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD;ClientId=${identityClientId}'
      // Lets DefaultAzureCredential in the app's own code pick the user-assigned identity.
      AZURE_CLIENT_ID: identityClientId
    }
  }

  // App Service Authentication (Easy Auth): only callers with a token for the G7Flows API, obtained by an
  // allowed client application, or with the session of its browser sign-in, reach the code, which then reads the
  // caller from X-MS-CLIENT-PRINCIPAL.
  //
  // Browser sign-in: the web app (served by the app itself at /, WebTriggers) links to /sign-in, which redirects to
  // /.auth/login/aad?post_login_redirect_uri=/. Easy Auth signs the person in with Microsoft Entra ID at the app
  // registration's web redirect URI https://<host>/.auth/login/aad/callback (infra/entra/web.json). Without a client
  // secret Easy Auth uses the implicit flow and receives only an ID token, so the registration must issue ID tokens;
  // the token's roles claim carries the person's app roles. Easy Auth then sets its session cookie (AppServiceAuthSession)
  // on this origin, and that cookie authenticates the app's same-origin API calls (fetch sends it by default).
  //
  // Every other unauthenticated request still gets 401 (Return401), not a redirect, so API clients see a plain 401.
  // excludedPaths, as relied on: Microsoft's file-based configuration reference (configure-authentication-file-based)
  // lists exact paths ("/path1") and a trailing wildcard ("/path3/subpath/*") for everything below a prefix, and the
  // product team confirmed the trailing "/*" form (MicrosoftDocs/azure-docs issue 86514). So "/" names the root alone
  // and "/assets/*" the app's files. Should "/" ever match more than the root, the code still refuses every API
  // route that needs a caller (EasyAuthMiddleware denies by default), so nothing more is opened than the files.
  resource authSettings 'config' = {
    name: 'authsettingsV2'
    properties: {
      platform: {
        enabled: true
      }
      globalValidation: {
        requireAuthentication: true
        unauthenticatedClientAction: 'Return401'
        redirectToProvider: 'azureactivedirectory'
        excludedPaths: anonymousPaths
      }
      httpSettings: {
        requireHttps: true
        // Behind Front Door the browser's host is Front Door's (X-Forwarded-Host): the sign-in's callback and cookie
        // must be on that host, not on the app's own, which accepts only Front Door.
        forwardProxy: {
          convention: empty(frontDoorId) ? 'NoProxy' : 'Standard'
        }
      }
      login: {
        // The token store keeps the sign-in's ID token for /.auth/me and /.auth/refresh; the session cookie, not the
        // store, authenticates the API calls.
        tokenStore: {
          enabled: true
        }
        // Only same-origin return addresses after sign-in (post_login_redirect_uri=/).
        allowedExternalRedirectUrls: []
        // The web app's pages are addressed by the URL fragment (/#/inbox); keep it across a sign-in.
        preserveUrlFragmentsForLogins: true
      }
      identityProviders: {
        azureActiveDirectory: {
          enabled: true
          registration: {
            clientId: authClientId
            openIdIssuer: '${environment().authentication.loginEndpoint}${authTenantId}/v2.0'
          }
          validation: {
            // v2.0 access tokens carry the client id as audience, v1.0 tokens the application id URI.
            allowedAudiences: [
              'api://${authClientId}'
              authClientId
            ]
            // "Any application in the tenant" is not enough: the token must come from an allowed client
            // application and, when lists are given, belong to an allowed group or identity.
            defaultAuthorizationPolicy: {
              allowedApplications: authAllowedApplications
              allowedPrincipals: allowedPrincipals
            }
          }
        }
      }
    }
    dependsOn: [
      appSettings
    ]
  }

  // No FTP or basic-auth publishing: azd deploys with a Microsoft Entra token.
  resource ftpPublishing 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
    dependsOn: [
      authSettings
    ]
  }

  resource scmPublishing 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
    dependsOn: [
      ftpPublishing
    ]
  }
}

// Platform logs of the app (function execution logs, and what the platform records about it) go to the
// workspace, beside the storage audit logs.
resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'logs-to-log-analytics'
  scope: functionApp
  properties: {
    workspaceId: logAnalyticsId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

output name string = functionApp.name
output defaultHostName string = functionApp.properties.defaultHostName
output uri string = 'https://${functionApp.properties.defaultHostName}'
