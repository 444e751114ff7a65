#!/usr/bin/env bash
# Runs the Prisma CLI offline. Prisma 6.19 with `engine: "js"` and the driver adapter needs no engine
# binary, but its CLI still tries to download the Node-API query engine from binaries.prisma.sh before
# every command unless an engine library path is given. Pointing it at /dev/null skips that download;
# nothing here uses that engine (queries go through @prisma/adapter-better-sqlite3).
export PRISMA_QUERY_ENGINE_LIBRARY=${PRISMA_QUERY_ENGINE_LIBRARY:-/dev/null}
export PRISMA_HIDE_UPDATE_MESSAGE=1
exec "$(dirname "$0")/../node_modules/.bin/prisma" "$@"
