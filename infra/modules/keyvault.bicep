// Key Vault in RBAC mode holding the app's secrets. A secret is written only when its value is
// given, so a later `azd provision` without it keeps a value set by hand (`az keyvault secret set`).
// Key Vault secret names cannot contain '_': GITHUB_TOKEN is stored as GITHUB-TOKEN, and so on.

@description('Key Vault name (3-24 characters).')
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Principal (user running azd) given Key Vault Secrets Officer to manage secrets; empty for none.')
param adminPrincipalId string

@description('Type of adminPrincipalId.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param adminPrincipalType string

@secure()
@description('GitHub token (GITHUB_TOKEN); empty leaves the secret as it is.')
param gitHubToken string

@secure()
@description('Jenkins API token (JENKINS_TOKEN); empty leaves the secret as it is.')
param jenkinsToken string

@secure()
@description('GitHub webhook secret (WEBHOOK_SECRET); empty leaves the secret as it is.')
param webhookSecret string

@secure()
@description('Whole kubeconfig (KUBECONFIG_CONTENT); empty leaves the secret as it is.')
param kubeConfigContent string

var keyVaultSecretsOfficerRoleId = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource gitHubTokenSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(gitHubToken)) {
  parent: vault
  name: 'GITHUB-TOKEN'
  properties: {
    value: gitHubToken
  }
}

resource jenkinsTokenSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(jenkinsToken)) {
  parent: vault
  name: 'JENKINS-TOKEN'
  properties: {
    value: jenkinsToken
  }
}

resource webhookSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(webhookSecret)) {
  parent: vault
  name: 'WEBHOOK-SECRET'
  properties: {
    value: webhookSecret
  }
}

resource kubeConfigContentSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(kubeConfigContent)) {
  parent: vault
  name: 'KUBECONFIG-CONTENT'
  properties: {
    value: kubeConfigContent
  }
}

resource adminSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(adminPrincipalId)) {
  name: guid(vault.id, adminPrincipalId, keyVaultSecretsOfficerRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficerRoleId)
    principalId: adminPrincipalId
    principalType: adminPrincipalType
  }
}

@description('Key Vault name.')
output name string = vault.name

@description('Key Vault URI, ending with a slash.')
output uri string = vault.properties.vaultUri
