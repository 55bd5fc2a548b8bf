#!/bin/sh
# Restore an archive made by docker/backup.sh into DATABASE_URL, MEDIA_ROOT and
# GONGKAI_PRIVATE_MEDIA_ROOT. The database's existing objects are dropped and replaced;
# the file trees get the archive's files (files not in the archive are left alone).
# Stop the app servers first; start them again afterwards.
#
#   DATABASE_URL=postgres://.../scratch MEDIA_ROOT=... GONGKAI_PRIVATE_MEDIA_ROOT=... docker/restore.sh ARCHIVE
set -eu
archive=${1:?usage: restore.sh gongkai-YYYYmmdd-HHMMSS.tar}
: "${DATABASE_URL:?set DATABASE_URL (postgres://...)}"
: "${MEDIA_ROOT:?set MEDIA_ROOT}"
: "${GONGKAI_PRIVATE_MEDIA_ROOT:?set GONGKAI_PRIVATE_MEDIA_ROOT}"
PG_RESTORE=${PG_RESTORE:-pg_restore}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xf "$archive"
dir=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'gongkai-*' | head -n 1)
[ -n "$dir" ] || { echo "restore.sh: $archive is not a Gongkai backup" >&2; exit 1; }
(cd "$dir" && sha256sum -c --quiet SHA256SUMS)

$PG_RESTORE --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error \
    --dbname="$DATABASE_URL" "$dir/database.dump"
mkdir -p "$MEDIA_ROOT" "$GONGKAI_PRIVATE_MEDIA_ROOT"
tar -C "$MEDIA_ROOT" -xf "$dir/media.tar"
tar -C "$GONGKAI_PRIVATE_MEDIA_ROOT" -xf "$dir/private-media.tar"
echo "restored $archive"
