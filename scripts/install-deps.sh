#!/usr/bin/env bash
# Installs the system libraries qbr links (libcmark-gfm and its GFM extensions, SQLite for GRDB, mimalloc) when missing.
set -euo pipefail
if [ -f /usr/include/cmark-gfm.h ] && [ -f /usr/include/cmark-gfm-core-extensions.h ] && [ -f /usr/include/sqlite3.h ] \
  && [ -f /usr/include/mimalloc.h ]; then
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq libcmark-gfm-dev libcmark-gfm-extensions-dev libsqlite3-dev libmimalloc-dev
