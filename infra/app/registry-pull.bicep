// AcrPull for the managed identity on the Azure Container Registry that holds the server's image, so that
// the Container App can pull it with that identity. Deployed into the registry's resource group.

@description('Name of the Azure Container Registry (the first label of its login server).')
param registryName string

@description('Name of the user-assigned managed identity that pulls the image (unique per environment).')
param identityName string

@description('Principal (object) id of that identity.')
param identityPrincipalId string

// AcrPull: read images from the registry, nothing else.
var acrPullRoleId = '7f951dda-4ed3-4680-a7ca-43fe172d538d'

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

resource acrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, identityName, acrPullRoleId)
  scope: registry
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPullRoleId)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}
