// The Function App (.NET 10 isolated, Linux) on Flex Consumption or Elastic Premium, its system
// managed identity and the roles that identity needs on the storage account and the Key Vault.

@description('Function App name.')
param name string

@description('App Service plan name.')
param planName string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('FlexConsumption (FC1, the default) or ElasticPremium (EP1) where Flex Consumption is not offered.')
@allowed([
  'FlexConsumption'
  'ElasticPremium'
])
param hostingPlan string

@description('Storage account for the host, the Durable task hub and the Flex deployment package.')
param storageAccountName string

@description('Blob endpoint of that storage account, ending with a slash.')
param storageBlobEndpoint string

@description('Blob container for the Flex Consumption deployment package.')
param deploymentContainerName string

@description('Key Vault whose secrets the app reads.')
param keyVaultName string

@description('Application Insights connection string.')
param applicationInsightsConnectionString string

@description('Flex Consumption: most instances the app may scale out to (40 is the lowest Flex allows).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('The app\'s own settings (name to value); empty values are left out so the code\'s defaults apply.')
param appSettings object

var isFlex = hostingPlan == 'FlexConsumption'

// Identity-based host storage: no connection string, no account key. The Durable Functions Azure
// Storage provider uses the same AzureWebJobsStorage connection.
var hostSettings = [
  {
    name: 'AzureWebJobsStorage__accountName'
    value: storageAccountName
  }
  {
    name: 'AzureWebJobsStorage__credential'
    value: 'managedidentity'
  }
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: applicationInsightsConnectionString
  }
]

// Flex Consumption sets runtime and version in functionAppConfig and rejects these settings.
// Elastic Premium runs without an Azure Files content share, because that share needs a shared
// key connection string; so it must run from the deployed package.
var premiumSettings = [
  {
    name: 'FUNCTIONS_EXTENSION_VERSION'
    value: '~4'
  }
  {
    name: 'FUNCTIONS_WORKER_RUNTIME'
    value: 'dotnet-isolated'
  }
  {
    name: 'WEBSITE_RUN_FROM_PACKAGE'
    value: '1'
  }
]

var ownSettings = map(filter(items(appSettings), setting => !empty(setting.value)), setting => {
  name: setting.key
  value: setting.value
})

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: isFlex ? 'functionapp' : 'elastic'
  sku: isFlex
    ? {
        name: 'FC1'
        tier: 'FlexConsumption'
      }
    : {
        name: 'EP1'
        tier: 'ElasticPremium'
      }
  properties: {
    reserved: true
    maximumElasticWorkerCount: isFlex ? null : 3
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    keyVaultReferenceIdentity: 'SystemAssigned'
    functionAppConfig: isFlex
      ? {
          deployment: {
            storage: {
              type: 'blobContainer'
              value: '${storageBlobEndpoint}${deploymentContainerName}'
              authentication: {
                type: 'SystemAssignedIdentity'
              }
            }
          }
          scaleAndConcurrency: {
            maximumInstanceCount: maximumInstanceCount
            instanceMemoryMB: 2048
          }
          runtime: {
            name: 'dotnet-isolated'
            version: '10.0'
          }
        }
      : null
    siteConfig: {
      linuxFxVersion: isFlex ? null : 'DOTNET-ISOLATED|10.0'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: concat(hostSettings, isFlex ? [] : premiumSettings, ownSettings)
    }
  }
}

// Deployments authenticate with Microsoft Entra ID (azd does); publishing passwords stay off.
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

// Storage Blob Data Owner: host leases, Durable large messages, the Flex deployment package.
resource storageBlobDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, site.id, 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b')
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b')
    principalId: site.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Storage Queue Data Contributor: Durable control and work-item queues.
resource storageQueueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, site.id, '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
    principalId: site.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Storage Table Data Contributor: Durable history and instance tables.
resource storageTableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, site.id, '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3')
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3')
    principalId: site.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Key Vault Secrets User: resolve Key Vault references and read secrets in code.
resource keyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, site.id, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: site.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

@description('Function App name.')
output name string = site.name

@description('Default host name (no scheme).')
output defaultHostName string = site.properties.defaultHostName

@description('Principal id of the app\'s system-assigned identity.')
output principalId string = site.identity.principalId
