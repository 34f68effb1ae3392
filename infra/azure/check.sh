#!/usr/bin/env bash
# Compiles and lints the Azure Bicep files with the Bicep CLI taken from NuGet, and fails on any warning or error.
#
#   bash infra/azure/check.sh            (from anywhere; CI runs it from .ci/run)
#
# The CLI is the NuGet package Azure.Bicep.CommandLine.linux-x64 (it ships the self-contained `bicep` binary in
# tools/). `dotnet restore` of the tool project tools/bicep-cli.csproj downloads it with <PackageDownload> into the
# NuGet global packages folder, so it needs only the NuGet feed that the solution restores from, and nothing is
# downloaded again once it is cached. Nothing is written into the work tree (build output goes to a temp folder).
set -euo pipefail

BICEP_VERSION="0.49.2"   # keep in step with tools/bicep-cli.csproj
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tool_project="$here/tools/bicep-cli.csproj"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Bicep itself does not phone home for `build`/`lint` of local files; keep its telemetry off as well.
export BICEP_TRACING_ENABLED=false

echo "== bicep: dotnet restore $tool_project (Azure.Bicep.CommandLine.linux-x64 $BICEP_VERSION)"
dotnet restore "$tool_project" --verbosity quiet
packages="$(dotnet msbuild "$tool_project" -nologo -getProperty:NuGetPackageRoot)"
packages="${packages%/}"
bicep="$packages/azure.bicep.commandline.linux-x64/$BICEP_VERSION/tools/bicep"
if [ ! -f "$bicep" ]; then
  echo "!! the Bicep CLI was not found at $bicep after the restore" >&2
  exit 1
fi
chmod +x "$bicep"
"$bicep" --version

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
log="$out/bicep.log"
failed=0

# Runs one bicep command; its whole output is kept, and any "Warning"/"Error" line (or a non-zero exit) fails the check.
run() {
  echo "== bicep $*"
  local status=0
  "$bicep" "$@" >"$out/one.log" 2>&1 || status=$?
  cat "$out/one.log"
  cat "$out/one.log" >> "$log"
  if [ "$status" -ne 0 ]; then
    echo "!! bicep $1 exited with $status" >&2
    failed=1
  elif grep -qiE '(^|[[:space:]:])(warning|error)[[:space:]]' "$out/one.log"; then
    echo "!! bicep $1 reported warnings or errors" >&2
    failed=1
  fi
}

# The parameter files read non-secret, per-deployment values (image, Entra group...) and the secrets from environment
# variables (readEnvironmentVariable). The pipeline provides the real ones; the check only needs them to exist, so it
# sets obviously fake values when they are missing (they go to the temp folder and are deleted).
export SN_CONTAINER_IMAGE="${SN_CONTAINER_IMAGE:-example.azurecr.io/somme-numerique:check}"
export SN_SQL_ADMIN_GROUP_NAME="${SN_SQL_ADMIN_GROUP_NAME:-check-sql-admins}"
export SN_SQL_ADMIN_GROUP_OBJECT_ID="${SN_SQL_ADMIN_GROUP_OBJECT_ID:-00000000-0000-0000-0000-000000000000}"
export SN_STRIPE_SECRET_KEY="${SN_STRIPE_SECRET_KEY:-check-not-a-secret}"
export SN_STRIPE_WEBHOOK_SECRET="${SN_STRIPE_WEBHOOK_SECRET:-check-not-a-secret}"
export SN_STRIPE_PUBLISHABLE_KEY="${SN_STRIPE_PUBLISHABLE_KEY:-check-not-a-secret}"

cd "$here"
run build main.bicep --outdir "$out"
for params in *.bicepparam; do
  run build-params "$params" --outfile "$out/${params%.bicepparam}.parameters.json"
done
for file in main.bicep modules/*.bicep *.bicepparam; do
  run lint "$file"
done

if [ "$failed" -ne 0 ]; then
  echo "!! bicep build/lint: FAILED (warnings count as failures)" >&2
  exit 1
fi
echo "== bicep build and lint: OK, no warning"
