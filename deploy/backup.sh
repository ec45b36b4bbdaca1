#!/bin/sh
# Nightly backup of the whole Jumelage instance, with rotation (docs/backups.md).
#
# Run it from cron as the user that runs Jumelage, with the same environment
# (DATABASE_URL, MEDIA_ROOT, SECRET_KEY...):
#   15 2 * * *  set -a; . /etc/jumelage.env; set +a; /srv/jumelage/deploy/backup.sh
#
# Every run writes one backup under $BACKUP_DIR/daily; the first backup of each
# ISO week and of each month is also kept, hard-linked, under weekly/ and
# monthly/. Each level keeps its newest N backups:
#   BACKUP_DIR          where backups go (default /var/backups/jumelage)
#   BACKUP_KEEP_DAILY   7     BACKUP_KEEP_WEEKLY  4     BACKUP_KEEP_MONTHLY 12
#   JUMELAGE_DIR        the checkout (default: this script's parent directory)
#   JUMELAGE_PYTHON     the Python of its virtualenv (default $JUMELAGE_DIR/.venv/bin/python)
# The backups hold the secret key and the configuration: keep BACKUP_DIR private,
# and copy it off the machine encrypted (restic, borg, rclone crypt...).
set -eu

BACKUP_DIR=${BACKUP_DIR:-/var/backups/jumelage}
KEEP_DAILY=${BACKUP_KEEP_DAILY:-7}
KEEP_WEEKLY=${BACKUP_KEEP_WEEKLY:-4}
KEEP_MONTHLY=${BACKUP_KEEP_MONTHLY:-12}
JUMELAGE_DIR=${JUMELAGE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
JUMELAGE_PYTHON=${JUMELAGE_PYTHON:-$JUMELAGE_DIR/.venv/bin/python}

umask 077
mkdir -p "$BACKUP_DIR/daily" "$BACKUP_DIR/weekly" "$BACKUP_DIR/monthly"

made=$(cd "$JUMELAGE_DIR" && "$JUMELAGE_PYTHON" manage.py backup_instance --to "$BACKUP_DIR/daily")
name=$(basename "$made")

# Keep a copy (hard links: no extra space) at the first backup of a week and a month.
keep_copy() {
    level=$1 period=$2
    for existing in "$BACKUP_DIR/$level"/jumelage-*; do
        [ -e "$existing" ] || continue
        [ "$(cat "$existing/.period" 2>/dev/null)" = "$period" ] && return 0
    done
    cp -al "$made" "$BACKUP_DIR/$level/$name"
    echo "$period" > "$BACKUP_DIR/$level/$name/.period"
}
keep_copy weekly "$(date -u +%G-W%V)"
keep_copy monthly "$(date -u +%Y-%m)"

# Delete all but the newest N of a level (names sort by date).
prune() {
    level=$1 keep=$2
    ls -1d "$BACKUP_DIR/$level"/jumelage-* 2>/dev/null | sort -r | tail -n +"$((keep + 1))" |
        while read -r old; do rm -rf -- "$old"; done
}
prune daily "$KEEP_DAILY"
prune weekly "$KEEP_WEEKLY"
prune monthly "$KEEP_MONTHLY"

echo "$made"
