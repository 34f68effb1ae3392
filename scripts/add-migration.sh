#!/usr/bin/env bash
# Adds an EF Core migration NAME for each of the three database providers (SQLite, PostgreSQL, SQL Server).
# Usage: scripts/add-migration.sh NAME
# The test MigrationTests.No_provider_has_model_changes_missing_from_its_migrations fails until this is run
# after a model change.
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh NAME}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
project=src/SommeNumerique.Saas.Infrastructure
for provider in Sqlite PostgreSql SqlServer; do
  echo "== $provider"
  dotnet ef migrations add "$name" \
    --project "$project" --startup-project "$project" \
    --context "${provider}SaasDbContext" \
    --output-dir "Persistence/Migrations/$provider" \
    --namespace "SommeNumerique.Saas.Infrastructure.Persistence.Migrations.$provider"
done
# With --namespace, the EF tools write the model snapshot into a folder named after the namespace: move it back.
if [ -d "$project/SommeNumerique" ]; then
  for provider in Sqlite PostgreSql SqlServer; do
    mv "$project/SommeNumerique/Saas/Infrastructure/Persistence/Migrations/$provider/"*.cs "$project/Persistence/Migrations/$provider/"
  done
  rm -rf "$project/SommeNumerique"
fi
