// Staging environment. Deployed by the pipeline's Deploy_Staging stage:
//   az deployment group create -g <staging resource group> --template-file infra/azure/main.bicep \
//     --parameters infra/azure/staging.bicepparam
// No secret here: secrets and per-release values are read from environment variables that the pipeline sets from
// secret pipeline variables (see azure-pipelines.yml and infra/azure/README.md).
using './main.bicep'

param environmentName = 'staging'
param aspnetcoreEnvironment = 'Staging'

param containerImage = readEnvironmentVariable('SN_CONTAINER_IMAGE')
param productionContainerImage = readEnvironmentVariable('SN_PRODUCTION_CONTAINER_IMAGE', '')
param containerRegistryName = 'sommenumeriqueacr'
param containerRegistryResourceGroup = 'rg-somme-numerique-shared'

param appServicePlanSku = 'P0v3'
param minimumInstances = 2
param maximumInstances = 3

param sqlAdminGroupName = readEnvironmentVariable('SN_SQL_ADMIN_GROUP_NAME')
param sqlAdminGroupObjectId = readEnvironmentVariable('SN_SQL_ADMIN_GROUP_OBJECT_ID')
param sqlDatabaseSku = {
  name: 'GP_S_Gen5_1'
  tier: 'GeneralPurpose'
}
param sqlBackupStorageRedundancy = 'Local'
param keyVaultPurgeProtection = false
param logRetentionInDays = 30

param stripeSecretKey = readEnvironmentVariable('SN_STRIPE_SECRET_KEY')
param stripeWebhookSecret = readEnvironmentVariable('SN_STRIPE_WEBHOOK_SECRET')
param stripePublishableKey = readEnvironmentVariable('SN_STRIPE_PUBLISHABLE_KEY')
param pdfLicenseKey = readEnvironmentVariable('SN_PDF_LICENSE_KEY', '')
param smtpHost = readEnvironmentVariable('SN_SMTP_HOST', '')
param smtpUserName = readEnvironmentVariable('SN_SMTP_USERNAME', '')
param smtpPassword = readEnvironmentVariable('SN_SMTP_PASSWORD', '')

param tags = {
  owner: 'somme-numerique'
}
