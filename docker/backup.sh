#!/bin/sh
# Back up Gongkai: the PostgreSQL database (pg_dump, custom format), the public media
# and the commenters' private files, into one archive BACKUP_DIR/gongkai-<time>.tar.
#
#   DATABASE_URL=postgres://... MEDIA_ROOT=... GONGKAI_PRIVATE_MEDIA_ROOT=... BACKUP_DIR=... docker/backup.sh
#
# `make backup` runs it with the values from the environment; with docker compose see
# README.md ("Backup and restore"). Restore with docker/restore.sh ARCHIVE.
set -eu
: "${DATABASE_URL:?set DATABASE_URL (postgres://...)}"
: "${MEDIA_ROOT:?set MEDIA_ROOT}"
: "${GONGKAI_PRIVATE_MEDIA_ROOT:?set GONGKAI_PRIVATE_MEDIA_ROOT}"
BACKUP_DIR=${BACKUP_DIR:-./backups}
PG_DUMP=${PG_DUMP:-pg_dump}

stamp=$(date -u +%Y%m%d-%H%M%S)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$BACKUP_DIR" "$work/gongkai-$stamp"
out="$work/gongkai-$stamp"

# A consistent snapshot of the database while the site keeps running.
$PG_DUMP --format=custom --no-owner --no-privileges --file="$out/database.dump" "$DATABASE_URL"
# Files: taken after the dump, so every file the database names is there (a file
# uploaded in between is kept too, harmlessly).
for pair in "media:$MEDIA_ROOT" "private-media:$GONGKAI_PRIVATE_MEDIA_ROOT"; do
    name=${pair%%:*}
    root=${pair#*:}
    if [ -d "$root" ]; then
        tar -C "$root" -cf "$out/$name.tar" .
    else
        tar -cf "$out/$name.tar" -T /dev/null
    fi
done
(cd "$out" && sha256sum database.dump media.tar private-media.tar > SHA256SUMS)
tar -C "$work" -cf "$BACKUP_DIR/gongkai-$stamp.tar" "gongkai-$stamp"
chmod 600 "$BACKUP_DIR/gongkai-$stamp.tar"  # personal data of commenters
echo "$BACKUP_DIR/gongkai-$stamp.tar"
