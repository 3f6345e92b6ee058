#!/bin/sh
# Regenerate tests/evolution/corpus-tables/{new,legacy}/ from the real corpus (shared/corpus/real/v2/*.graphql).
#
#   AMPLIFY_ORACLE=/tmp/amplify-oracle sh make_corpus_tables.sh [CORPUS_V2_DIR] [--jobs N]
#
# new/    : new-project flags (CPK mode and timestamps on)
# legacy/ : --legacy (respectprimarykeyattributesonconnectionfield=false, addtimestampfields=false)
# Each schema gives <name>.json (evolution.cjs --tables) or <name>.error.txt (the transformer's rejection).
# Only derived data is written; the corpus schemas themselves stay outside the repository.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../corpus-tables"
corpus="${1:-$here/../../../../shared/corpus/real/v2}"
[ $# -gt 0 ] && shift
: "${AMPLIFY_ORACLE:?set AMPLIFY_ORACLE to an installed oracle copy}"
node "$here/evolution.cjs" --batch-tables "$corpus" "$out/new" "$@"
node "$here/evolution.cjs" --batch-tables "$corpus" "$out/legacy" --legacy "$@"
