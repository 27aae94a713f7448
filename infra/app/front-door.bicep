// Optional: Azure Front Door (Standard) and its web application firewall policy, which rate limits the
// anonymous paths per client IP. The endpoint and the route to the function app are in
// front-door-route.bicep, deployed after the app; this half comes first because the app needs the
// profile's id to accept traffic from this Front Door only.

@description('Name of the Front Door profile.')
param profileName string

@description('Name of the web application firewall policy (letters and digits only).')
param wafPolicyName string

@description('Tags applied to the profile and the policy.')
param tags object

@description('The anonymous paths from infra/anonymous-paths.json; a trailing * matches everything below.')
param anonymousPaths array

@description('Requests per minute one client IP may send to the anonymous paths.')
@minValue(10)
param anonymousRateLimitPerMinute int

@description('Resource id of the Log Analytics workspace that receives the access and firewall logs.')
param logAnalyticsId string

resource profile 'Microsoft.Cdn/profiles@2024-02-01' = {
  name: profileName
  location: 'global'
  tags: tags
  sku: {
    name: 'Standard_AzureFrontDoor'
  }
}

resource wafPolicy 'Microsoft.Network/FrontDoorWebApplicationFirewallPolicies@2024-02-01' = {
  name: wafPolicyName
  location: 'global'
  tags: tags
  sku: {
    name: 'Standard_AzureFrontDoor'
  }
  properties: {
    policySettings: {
      enabledState: 'Enabled'
      mode: 'Prevention'
      // A blocked (rate limited) caller is told to slow down.
      customBlockResponseStatusCode: 429
    }
    customRules: {
      rules: [
        {
          name: 'AnonymousPathsPerClientIp'
          priority: 100
          enabledState: 'Enabled'
          ruleType: 'RateLimitRule'
          rateLimitDurationInMinutes: 1
          rateLimitThreshold: anonymousRateLimitPerMinute
          action: 'Block'
          matchConditions: [
            {
              matchVariable: 'RequestUri'
              operator: 'Contains'
              transforms: [
                'Lowercase'
              ]
              matchValue: map(anonymousPaths, path => toLower(replace(path, '*', '')))
            }
          ]
        }
      ]
    }
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'logs-to-log-analytics'
  scope: profile
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

output profileName string = profile.name
output frontDoorId string = profile.properties.frontDoorId
output wafPolicyId string = wafPolicy.id
