// Somme Numérique SaaS on Azure: one environment (staging or production) in one resource group.
//
//   Linux App Service plan (autoscaled on CPU, at least 2 instances)
//     web app (container image from a registry) + its `staging` deployment slot (blue/green by slot swap)
//   Azure SQL server (Microsoft Entra-only authentication) + database
//   Key Vault (RBAC): the database connection string, the Stripe secret and webhook keys, the PDF licence key;
//     the app reads them through Key Vault references, with the system-assigned identity of the app and of the slot
//   Log Analytics workspace + workspace-based Application Insights
//
// Deployed by azure-pipelines.yml with `az deployment group create --template-file infra/azure/main.bicep
// --parameters infra/azure/<environment>.bicepparam`. Checked (build + lint, zero warning) by infra/azure/check.sh.
// See infra/azure/README.md for the one-time steps (SQL users for the managed identities, registry access).

targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------------------------------

@description('Environment name, part of every resource name.')
@allowed([
  'staging'
  'production'
])
param environmentName string

@description('Short application name, part of every resource name (lower case letters, digits and dashes).')
@minLength(3)
@maxLength(16)
param appName string = 'somme-num'

@description('Public host name of the portal (custom domain, e.g. portail.somme-numerique.fr); empty: the App Service default host name. The app answers only to it, to the default host names of the site and its slot, and to localhost (AllowedHosts), and builds its return addresses from it (Portal__BaseUrl).')
param publicHostName string = ''

@description('Azure region of every resource.')
param location string = resourceGroup().location

@description('Container image of the release being deployed, e.g. myregistry.azurecr.io/somme-numerique:1234. It goes to the `staging` slot.')
param containerImage string

@description('Image currently live in the production slot. Empty on the first deployment (then the production slot gets containerImage too); the pipeline reads it from the site so that a deployment never changes the live slot: only the swap does.')
param productionContainerImage string = ''

@description('Name of the Azure Container Registry the images come from (the app pulls with its managed identity: AcrPull).')
param containerRegistryName string

@description('Resource group of the container registry (it is shared by the environments).')
param containerRegistryResourceGroup string

@description('App Service plan SKU (Premium v3 supports autoscale, slots and zone redundancy).')
param appServicePlanSku string = 'P0v3'

@description('Minimum number of instances (autoscale floor).')
@minValue(2)
param minimumInstances int = 2

@description('Maximum number of instances (autoscale ceiling).')
@minValue(2)
@maxValue(30)
param maximumInstances int = 4

@description('ASP.NET Core environment name of the app (never Development: it creates demo accounts).')
@allowed([
  'Staging'
  'Production'
])
param aspnetcoreEnvironment string = 'Production'

@description('Apply pending EF Core migrations when the app starts (EF Core takes a database lock, so concurrent instances wait for each other). Set to false when the pipeline applies the idempotent script instead.')
param migrateOnStartup bool = true

@description('Display name of the Microsoft Entra group that administers the SQL server.')
param sqlAdminGroupName string

@description('Object id of that Microsoft Entra group.')
param sqlAdminGroupObjectId string

@description('Azure SQL database SKU, e.g. { name: \'GP_S_Gen5_1\', tier: \'GeneralPurpose\' } (serverless) or { name: \'S1\', tier: \'Standard\' }.')
param sqlDatabaseSku object = {
  name: 'GP_S_Gen5_1'
  tier: 'GeneralPurpose'
}

@description('Storage redundancy of the database backups.')
@allowed([
  'Local'
  'Zone'
  'Geo'
  'GeoZone'
])
param sqlBackupStorageRedundancy string = 'Geo'

@description('Key Vault purge protection (cannot be turned off once on: keep it on in production).')
param keyVaultPurgeProtection bool = true

@description('Days of Log Analytics retention.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Stripe secret API key (sk_...). Stored in Key Vault only.')
@secure()
param stripeSecretKey string

@description('Stripe webhook signing secret (whsec_...). Stored in Key Vault only.')
@secure()
param stripeWebhookSecret string

@description('Stripe publishable key (pk_...): public by design, so a plain app setting.')
param stripePublishableKey string

@description('PDFsharp commercial licence key. Empty: no secret is created and the app runs PDFsharp under the AGPL-3.0.')
@secure()
param pdfLicenseKey string = ''

@description('SMTP relay of the e-mails (invitations, password links, documents), e.g. smtp.example.fr. Empty: every e-mail is reported as failed in the outbox (staff page "E-mails"), nothing is lost.')
param smtpHost string = ''

@description('SMTP port (587: STARTTLS).')
param smtpPort int = 587

@description('SMTP user name (empty: no authentication).')
param smtpUserName string = ''

@description('SMTP password. Stored in Key Vault only; empty: no secret is created.')
@secure()
param smtpPassword string = ''

@description('Sender address of the e-mails.')
param emailFrom string = 'ne-pas-repondre@somme-numerique.fr'

@description('Tags applied to every resource.')
param tags object = {}

// ---------------------------------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------------------------------

var suffix = uniqueString(resourceGroup().id, appName, environmentName)
var baseName = '${appName}-${environmentName}'
var allTags = union(tags, {
  application: 'somme-numerique-saas'
  environment: environmentName
})
var liveImage = empty(productionContainerImage) ? containerImage : productionContainerImage
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

// ---------------------------------------------------------------------------------------------------------------------
// Monitoring
// ---------------------------------------------------------------------------------------------------------------------

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${baseName}'
  location: location
  tags: allTags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${baseName}'
  location: location
  tags: allTags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    DisableLocalAuth: false
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Database: Azure SQL with Microsoft Entra-only authentication (no SQL password exists anywhere)
// ---------------------------------------------------------------------------------------------------------------------

resource sqlServer 'Microsoft.Sql/servers@2023-08-01' = {
  name: 'sql-${baseName}-${suffix}'
  location: location
  tags: allTags
  properties: {
    minimalTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
    administrators: {
      administratorType: 'ActiveDirectory'
      azureADOnlyAuthentication: true
      login: sqlAdminGroupName
      sid: sqlAdminGroupObjectId
      tenantId: tenant().tenantId
      principalType: 'Group'
    }
  }
}

// 0.0.0.0 - 0.0.0.0 is Azure's convention for "allow Azure services" (App Service outbound addresses change).
// Tighten with VNet integration + a private endpoint when the syndicate needs it.
resource sqlAllowAzure 'Microsoft.Sql/servers/firewallRules@2023-08-01' = {
  parent: sqlServer
  name: 'AllowAllWindowsAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource sqlDatabase 'Microsoft.Sql/servers/databases@2023-08-01' = {
  parent: sqlServer
  name: 'sqldb-${baseName}'
  location: location
  tags: allTags
  sku: sqlDatabaseSku
  properties: {
    collation: 'SQL_Latin1_General_CP1_CI_AS'
    requestedBackupStorageRedundancy: sqlBackupStorageRedundancy
  }
}

// The app and its slot connect with their own managed identity (Authentication=Active Directory Managed Identity):
// the connection string holds no password, but lives in Key Vault like the other settings that could.
var databaseConnectionString = 'Server=tcp:${sqlServer.properties.fullyQualifiedDomainName},1433;Initial Catalog=${sqlDatabase.name};Authentication=Active Directory Managed Identity;Encrypt=True;TrustServerCertificate=False;Connection Timeout=30;'

// ---------------------------------------------------------------------------------------------------------------------
// Key Vault (RBAC authorization) and its secrets
// ---------------------------------------------------------------------------------------------------------------------

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: take('kv-${appName}-${suffix}', 24)
  location: location
  tags: allTags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: keyVaultPurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

resource secretConnectionString 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'ConnectionStrings--Default'
  properties: {
    value: databaseConnectionString
    contentType: 'text/plain'
  }
}

resource secretStripeSecretKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'Stripe--SecretKey'
  properties: {
    value: stripeSecretKey
    contentType: 'text/plain'
  }
}

resource secretStripeWebhookSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'Stripe--WebhookSecret'
  properties: {
    value: stripeWebhookSecret
    contentType: 'text/plain'
  }
}

resource secretPdfLicenseKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(pdfLicenseKey)) {
  parent: keyVault
  name: 'Pdf--LicenseKey'
  properties: {
    value: pdfLicenseKey
    contentType: 'text/plain'
  }
}

resource secretSmtpPassword 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(smtpPassword)) {
  parent: keyVault
  name: 'Email--Smtp--Password'
  properties: {
    value: smtpPassword
    contentType: 'text/plain'
  }
}

// Key Vault references use the version-less secret URI: a rotated secret is picked up at the next restart (or
// within 24 hours) without redeploying.
var defaultHostName = 'app-${baseName}-${suffix}.azurewebsites.net'
var stagingHostName = 'app-${baseName}-${suffix}-staging.azurewebsites.net'
var portalHostName = empty(publicHostName) ? defaultHostName : publicHostName
var allowedHosts = join(union([portalHostName], [defaultHostName, stagingHostName, 'localhost']), ';')

var commonAppSettings = [
  {
    name: 'ASPNETCORE_ENVIRONMENT'
    value: aspnetcoreEnvironment
  }
  {
    name: 'ASPNETCORE_FORWARDEDHEADERS_ENABLED'
    value: 'true'
  }
  {
    name: 'AllowedHosts'
    value: allowedHosts
  }
  {
    name: 'Portal__BaseUrl'
    value: 'https://${portalHostName}'
  }
  {
    name: 'WEBSITES_PORT'
    value: '8080'
  }
  {
    name: 'WEBSITES_ENABLE_APP_SERVICE_STORAGE'
    value: 'false'
  }
  {
    name: 'Database__Provider'
    value: 'SqlServer'
  }
  {
    name: 'Database__MigrateOnStartup'
    value: string(migrateOnStartup)
  }
  {
    name: 'ConnectionStrings__Default'
    value: '@Microsoft.KeyVault(SecretUri=${secretConnectionString.properties.secretUri})'
  }
  {
    name: 'Stripe__SecretKey'
    value: '@Microsoft.KeyVault(SecretUri=${secretStripeSecretKey.properties.secretUri})'
  }
  {
    name: 'Stripe__WebhookSecret'
    value: '@Microsoft.KeyVault(SecretUri=${secretStripeWebhookSecret.properties.secretUri})'
  }
  {
    name: 'Stripe__PublishableKey'
    value: stripePublishableKey
  }
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: appInsights.properties.ConnectionString
  }
]
var pdfAppSettings = empty(pdfLicenseKey)
  ? []
  : [
      {
        name: 'Pdf__LicenseKey'
        value: '@Microsoft.KeyVault(SecretUri=${secretPdfLicenseKey!.properties.secretUri})'
      }
    ]
var emailAppSettings = concat([
  {
    name: 'Email__Smtp__Host'
    value: smtpHost
  }
  {
    name: 'Email__Smtp__Port'
    value: string(smtpPort)
  }
  {
    name: 'Email__Smtp__UserName'
    value: smtpUserName
  }
  {
    name: 'Email__From'
    value: emailFrom
  }
], empty(smtpPassword)
  ? []
  : [
      {
        name: 'Email__Smtp__Password'
        value: '@Microsoft.KeyVault(SecretUri=${secretSmtpPassword!.properties.secretUri})'
      }
    ])
var appSettings = concat(commonAppSettings, pdfAppSettings, emailAppSettings)

// ---------------------------------------------------------------------------------------------------------------------
// App Service: plan, web app, staging slot
// ---------------------------------------------------------------------------------------------------------------------

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'asp-${baseName}'
  location: location
  tags: allTags
  kind: 'linux'
  sku: {
    name: appServicePlanSku
    capacity: minimumInstances
  }
  properties: {
    reserved: true // Linux
  }
}

var siteConfigBase = {
  alwaysOn: true
  http20Enabled: true
  minTlsVersion: '1.2'
  scmMinTlsVersion: '1.2'
  ftpsState: 'Disabled'
  healthCheckPath: '/health/ready'
  acrUseManagedIdentityCreds: true
  appSettings: appSettings
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: 'app-${baseName}-${suffix}'
  location: location
  tags: allTags
  kind: 'app,linux,container'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false // stateless instances: no ARR affinity cookie
    siteConfig: union(siteConfigBase, {
      linuxFxVersion: 'DOCKER|${liveImage}'
    })
  }
}

resource stagingSlot 'Microsoft.Web/sites/slots@2024-04-01' = {
  parent: site
  name: 'staging'
  location: location
  tags: allTags
  kind: 'app,linux,container'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: union(siteConfigBase, {
      linuxFxVersion: 'DOCKER|${containerImage}'
    })
  }
}

// No FTP nor basic-auth publishing: deployments go through Azure Resource Manager (the pipeline's service connection).
resource siteFtpPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource siteScmPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

resource slotFtpPolicy 'Microsoft.Web/sites/slots/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: stagingSlot
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource slotScmPolicy 'Microsoft.Web/sites/slots/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: stagingSlot
  name: 'scm'
  properties: {
    allow: false
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Access: Key Vault Secrets User for the app and the slot; AcrPull on the shared registry
// ---------------------------------------------------------------------------------------------------------------------

resource siteSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: keyVault
  name: guid(keyVault.id, site.id, keyVaultSecretsUserRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: site.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource slotSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: keyVault
  name: guid(keyVault.id, stagingSlot.id, keyVaultSecretsUserRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: stagingSlot.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

module registryPull 'modules/acr-pull.bicep' = {
  name: 'acr-pull-${baseName}'
  scope: resourceGroup(containerRegistryResourceGroup)
  params: {
    containerRegistryName: containerRegistryName
    principalIds: [
      site.identity.principalId
      stagingSlot.identity.principalId
    ]
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Autoscale on CPU (the plan scales every app and slot on it together)
// ---------------------------------------------------------------------------------------------------------------------

resource autoscale 'Microsoft.Insights/autoscalesettings@2022-10-01' = {
  name: 'autoscale-${plan.name}'
  location: location
  tags: allTags
  properties: {
    enabled: true
    targetResourceUri: plan.id
    profiles: [
      {
        name: 'cpu'
        capacity: {
          minimum: string(minimumInstances)
          maximum: string(maximumInstances)
          default: string(minimumInstances)
        }
        rules: [
          {
            metricTrigger: {
              metricName: 'CpuPercentage'
              metricResourceUri: plan.id
              timeGrain: 'PT1M'
              statistic: 'Average'
              timeWindow: 'PT10M'
              timeAggregation: 'Average'
              operator: 'GreaterThan'
              threshold: 70
            }
            scaleAction: {
              direction: 'Increase'
              type: 'ChangeCount'
              value: '1'
              cooldown: 'PT5M'
            }
          }
          {
            metricTrigger: {
              metricName: 'CpuPercentage'
              metricResourceUri: plan.id
              timeGrain: 'PT1M'
              statistic: 'Average'
              timeWindow: 'PT20M'
              timeAggregation: 'Average'
              operator: 'LessThan'
              threshold: 30
            }
            scaleAction: {
              direction: 'Decrease'
              type: 'ChangeCount'
              value: '1'
              cooldown: 'PT10M'
            }
          }
        ]
      }
    ]
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Logs of the container (stdout) and of the front end, to the workspace
// ---------------------------------------------------------------------------------------------------------------------

resource siteDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: site
  name: 'to-log-analytics'
  properties: {
    workspaceId: logAnalytics.id
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
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

// ---------------------------------------------------------------------------------------------------------------------
// Outputs (no secret)
// ---------------------------------------------------------------------------------------------------------------------

output webAppName string = site.name
output stagingSlotName string = stagingSlot.name
output webAppHostName string = site.properties.defaultHostName
output stagingSlotHostName string = stagingSlot.properties.defaultHostName
output keyVaultName string = keyVault.name
output sqlServerName string = sqlServer.name
output sqlDatabaseName string = sqlDatabase.name
output webAppPrincipalId string = site.identity.principalId
output stagingSlotPrincipalId string = stagingSlot.identity.principalId
