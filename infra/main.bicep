// Provisioner on Azure Functions: `azd up` provisions this template, then deploys service `api`.
// Non-secret settings become app settings; secrets live in Key Vault and reach the app as
// Key Vault references. Setting names: src/Provisioner.Workflow/Hosting/SettingNames.cs.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; names the resource group and seeds resource names.')
param environmentName string

@minLength(1)
@description('Azure region for every resource.')
param location string

@description('Principal running azd (AZURE_PRINCIPAL_ID), given Key Vault Secrets Officer; empty for none.')
param principalId string = ''

@description('Type of principalId: User for a person, ServicePrincipal for a CI pipeline.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

@description('FlexConsumption (default) or ElasticPremium (EP1) for regions without Flex Consumption.')
@allowed([
  'FlexConsumption'
  'ElasticPremium'
])
param hostingPlan string = 'FlexConsumption'

@description('Durable Functions task hub name (host.json reads %TASKHUB_NAME%).')
param taskHubName string = 'Provisioner'

// Provisioning behaviour (empty: the app's default).
@description('APPROVAL_TIMEOUT, e.g. 7.00:00:00.')
param approvalTimeout string = ''
@description('ALLOWED_PARENT_DOMAINS, comma-separated; empty allows any.')
param allowedParentDomains string = ''
@description('BUILD_TIMEOUT, e.g. 01:00:00.')
param buildTimeout string = ''
@description('ROLLOUT_TIMEOUT, e.g. 00:15:00.')
param rolloutTimeout string = ''
@description('LIVE_PROBE_TIMEOUT, e.g. 00:10:00; 0 turns the live-URL probe off.')
param liveProbeTimeout string = ''

// Templates.
@description('TEMPLATE_ROOT: folder of the local template catalog inside the deployed app.')
param templateRoot string = ''
@description('TEMPLATE_REPOS: owner/repo list holding more templates.')
param templateRepos string = ''

// GitHub.
@description('GITHUB_OWNER: owner of the sites repository.')
param gitHubOwner string = ''
@description('GITHUB_REPO: name of the sites repository.')
param gitHubRepo string = ''
@description('GITHUB_DEVOPS_TEAM_SLUG: team asked to review.')
param gitHubDevOpsTeamSlug string = ''
@description('GITHUB_API_URL: GitHub Enterprise Server API URL; empty for github.com.')
param gitHubApiUrl string = ''
@description('MCP_GITHUB_SERVER_ENDPOINT: optional GitHub MCP server endpoint.')
param mcpGitHubServerEndpoint string = ''

// Jenkins.
@description('JENKINS_URL: Jenkins base URL.')
param jenkinsUrl string = ''
@description('JENKINS_USER: Jenkins user owning the API token.')
param jenkinsUser string = ''
@description('JENKINS_FOLDER: Jenkins folder holding the site jobs; empty for provisioned-sites.')
param jenkinsFolder string = ''
@description('JENKINS_GIT_CREDENTIALS_ID: Jenkins credential the site jobs clone the sites repository with; empty for a public repository.')
param jenkinsGitCredentialsId string = ''

@description('CONTAINER_REGISTRY: registry and path prefix of site images, e.g. myregistry.azurecr.io/sites.')
param containerRegistry string = ''

// Kubernetes.
@description('K8S_NAMESPACE_DEFAULT: namespace sites run in.')
param kubernetesNamespace string = ''
@description('K8S_INGRESS_CLASS: ingressClassName of site Ingresses.')
param kubernetesIngressClass string = ''
@description('K8S_CLUSTER_ISSUER: cert-manager ClusterIssuer; empty for none.')
param kubernetesClusterIssuer string = ''
@description('K8S_TLS_SECRET_NAME: Secret in the sites namespace holding the Ingresses\' certificate (e.g. a wildcard one); empty for <app>-tls from cert-manager, or no TLS without an issuer.')
param kubernetesTlsSecretName string = ''
@description('KUBECONFIG: path of a kubeconfig file inside the app; on Azure use the KUBECONFIG-CONTENT secret instead.')
param kubeConfigPath string = ''

// Secrets: written to Key Vault only when given; otherwise set them there later.
@secure()
@description('GITHUB_TOKEN, stored as Key Vault secret GITHUB-TOKEN.')
param gitHubToken string = ''
@secure()
@description('JENKINS_TOKEN, stored as Key Vault secret JENKINS-TOKEN.')
param jenkinsToken string = ''
@secure()
@description('WEBHOOK_SECRET, stored as Key Vault secret WEBHOOK-SECRET.')
param webhookSecret string = ''
@secure()
@description('KUBECONFIG_CONTENT (a whole kubeconfig), stored as Key Vault secret KUBECONFIG-CONTENT.')
param kubeConfigContent string = ''

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var functionAppName = 'func-${resourceToken}'
var deploymentContainerName = 'app-package-${resourceToken}'

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: resourceGroup
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: resourceGroup
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: resourceGroup
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    adminPrincipalId: principalId
    adminPrincipalType: principalType
    gitHubToken: gitHubToken
    jenkinsToken: jenkinsToken
    webhookSecret: webhookSecret
    kubeConfigContent: kubeConfigContent
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: resourceGroup
  params: {
    name: functionAppName
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    hostingPlan: hostingPlan
    storageAccountName: storage.outputs.name
    storageBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: deploymentContainerName
    keyVaultName: keyVault.outputs.name
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    // Every name in SettingNames (tests check this), plus the task hub. Secrets are versionless
    // Key Vault references, so a new secret version is picked up without a redeploy.
    appSettings: {
      APPROVAL_TIMEOUT: approvalTimeout
      ALLOWED_PARENT_DOMAINS: allowedParentDomains
      BUILD_TIMEOUT: buildTimeout
      ROLLOUT_TIMEOUT: rolloutTimeout
      LIVE_PROBE_TIMEOUT: liveProbeTimeout
      TEMPLATE_ROOT: templateRoot
      TEMPLATE_REPOS: templateRepos
      GITHUB_TOKEN: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/GITHUB-TOKEN)'
      GITHUB_OWNER: gitHubOwner
      GITHUB_REPO: gitHubRepo
      GITHUB_DEVOPS_TEAM_SLUG: gitHubDevOpsTeamSlug
      GITHUB_API_URL: gitHubApiUrl
      MCP_GITHUB_SERVER_ENDPOINT: mcpGitHubServerEndpoint
      WEBHOOK_SECRET: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/WEBHOOK-SECRET)'
      JENKINS_URL: jenkinsUrl
      JENKINS_USER: jenkinsUser
      JENKINS_TOKEN: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/JENKINS-TOKEN)'
      JENKINS_FOLDER: jenkinsFolder
      JENKINS_GIT_CREDENTIALS_ID: jenkinsGitCredentialsId
      CONTAINER_REGISTRY: containerRegistry
      K8S_NAMESPACE_DEFAULT: kubernetesNamespace
      K8S_INGRESS_CLASS: kubernetesIngressClass
      K8S_CLUSTER_ISSUER: kubernetesClusterIssuer
      K8S_TLS_SECRET_NAME: kubernetesTlsSecretName
      KUBECONFIG: kubeConfigPath
      KUBECONFIG_CONTENT: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/KUBECONFIG-CONTENT)'
      KEY_VAULT_URI: keyVault.outputs.uri
      TASKHUB_NAME: taskHubName
    }
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output FUNCTION_APP_URL string = 'https://${functionApp.outputs.defaultHostName}'
@description('Paste into GitHub: repository Settings > Webhooks > Payload URL (content type application/json).')
output GITHUB_WEBHOOK_URL string = 'https://${functionApp.outputs.defaultHostName}/api/github/webhook'
