#!/usr/bin/env bash
# Adds a migration NAME to both provider sets (SQLite and SQL Server). Run from the repository root:
#   bash src/Ombud.Web/Data/Migrations/add-migration.sh AddSomething
set -euo pipefail
name=${1:?usage: add-migration.sh NAME}
dotnet tool restore >/dev/null
for p in Sqlite SqlServer; do
  dotnet ef migrations add "$name" --project src/Ombud.Web --context ${p}OmbudDbContext \
    --output-dir Data/Migrations/$p --namespace Ombud.Web.Data.Migrations.$p
  # dotnet ef puts the snapshot in a folder named after the namespace: move it beside the migrations
  if [ -d src/Ombud.Web/Ombud ]; then
    mv src/Ombud.Web/Ombud/Web/Data/Migrations/$p/*.cs src/Ombud.Web/Data/Migrations/$p/
    rm -rf src/Ombud.Web/Ombud
  fi
done
