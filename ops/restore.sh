#!/usr/bin/env bash
# Restore a Newsroom backup made by ops/backup.sh into DATABASE_URL and MEDIA_ROOT.
# Usage: DATABASE_URL=postgres://... MEDIA_ROOT=/srv/newsroom/media ops/restore.sh BACKUP_DIR
# The database must exist (it may be empty); objects already in it are replaced. Stop the
# app servers first. See docs/operations.md.
set -euo pipefail
src=${1:?usage: ops/restore.sh BACKUP_DIR}
: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database}"
: "${MEDIA_ROOT:?MEDIA_ROOT must name the uploads folder}"

(cd "$src" && sha256sum --check --quiet SHA256SUMS) || {
  echo "restore.sh: checksums do not match; the backup is damaged, nothing was restored" >&2
  exit 1
}
pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error \
  --dbname="$DATABASE_URL" "$src/database.dump"
mkdir -p "$MEDIA_ROOT"
tar -C "$MEDIA_ROOT" -xzf "$src/media.tar.gz"
echo "Restored $src"
