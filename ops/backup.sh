#!/usr/bin/env bash
# Back up Newsroom: the PostgreSQL database (pg_dump, custom format) and the uploaded media.
# Usage: DATABASE_URL=postgres://... MEDIA_ROOT=/srv/newsroom/media ops/backup.sh DEST_DIR
# Writes DEST_DIR/newsroom-<UTC timestamp>/{database.dump,media.tar.gz,SHA256SUMS} and prints
# that folder. See docs/operations.md.
set -euo pipefail
dest=${1:?usage: ops/backup.sh DEST_DIR}
: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database}"
: "${MEDIA_ROOT:?MEDIA_ROOT must name the uploads folder}"
case "$DATABASE_URL" in
  postgres://*|postgresql://*) ;;
  *) echo "backup.sh: DATABASE_URL is not PostgreSQL; this script backs up PostgreSQL only" >&2; exit 2 ;;
esac

out="$dest/newsroom-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
# One consistent snapshot of the database, without owners or grants so it restores anywhere.
pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" --file="$out/database.dump"
mkdir -p "$MEDIA_ROOT"
tar -C "$MEDIA_ROOT" -czf "$out/media.tar.gz" .
(cd "$out" && sha256sum database.dump media.tar.gz > SHA256SUMS)
echo "$out"
