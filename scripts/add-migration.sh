#!/usr/bin/env bash
# Creates a migration NAME in both sets (SQLite and PostgreSQL) from the one model. Usage: scripts/add-migration.sh NAME
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh NAME}
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --project Messaging.Core --startup-project Messaging.Core \
    --context "${provider}MessagingDbContext" --output-dir "Persistence/Migrations/$provider"
done
