#!/usr/bin/env bash
# Deploys main.bicep to one environment's resource group; run by azure-pipelines.yml inside AzureCLI@2 (az logged in).
#
#   bash infra/azure/deploy.sh <resource-group> infra/azure/<environment>.bicepparam
#
# The parameter file reads from the environment: SN_CONTAINER_IMAGE (the release, for the `staging` slot),
# SN_SQL_ADMIN_GROUP_NAME, SN_SQL_ADMIN_GROUP_OBJECT_ID, SN_STRIPE_SECRET_KEY, SN_STRIPE_WEBHOOK_SECRET,
# SN_STRIPE_PUBLISHABLE_KEY, SN_PDF_LICENSE_KEY (optional). This script adds SN_PRODUCTION_CONTAINER_IMAGE: the image
# the production slot runs now, so that a deployment never changes the live slot (only a slot swap does).
# It prints the deployment outputs as Azure Pipelines variables (webAppName, stagingSlotHostName...).
set -euo pipefail

rg="${1:?usage: deploy.sh <resource-group> <file.bicepparam>}"
params="${2:?usage: deploy.sh <resource-group> <file.bicepparam>}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# The same Bicep version as check.sh (az would otherwise take the latest).
az config set bicep.use_binary_from_path=false >/dev/null
az bicep install --version "${BICEP_VERSION:-v0.49.2}"

app="$(az webapp list --resource-group "$rg" --query "[?tags.application=='somme-numerique-saas'] | [0].name" -o tsv)"
if [ -n "$app" ]; then
  live="$(az webapp config show --resource-group "$rg" --name "$app" --query linuxFxVersion -o tsv)"
  export SN_PRODUCTION_CONTAINER_IMAGE="${live#DOCKER|}"
  echo "== production slot of $app keeps $SN_PRODUCTION_CONTAINER_IMAGE"
else
  echo "== first deployment in $rg: both slots get $SN_CONTAINER_IMAGE"
fi

outputs="$(az deployment group create \
  --resource-group "$rg" \
  --name "somme-numerique-${BUILD_BUILDID:-manual}" \
  --template-file "$here/main.bicep" \
  --parameters "$params" \
  --query properties.outputs -o json)"

for name in webAppName webAppHostName stagingSlotHostName keyVaultName sqlServerName sqlDatabaseName; do
  value="$(jq -r --arg n "$name" '.[$n].value' <<<"$outputs")"
  echo "$name=$value"
  echo "##vso[task.setvariable variable=$name]$value"
done
