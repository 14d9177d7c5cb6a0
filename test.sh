#!/usr/bin/env bash
# Runs every test (unit, integration, browser) against a throwaway PostgreSQL cluster — never
# .data/. Installs what is missing (PostgreSQL, Chromium). Prints "N passed, N failed" last and
# exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/lib.sh

command -v dotnet >/dev/null 2>&1 || sp_die "The .NET SDK 10 is needed: dotnet is not on the PATH."
sp_ensure_postgres
sp_ensure_chromium

work=$(mktemp -d "${TMPDIR:-/tmp}/servicepublic-test.XXXXXX")
chmod 755 "$work"
trap 'sp_stop_cluster "$work/pg"; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
SP_PG_PORT_FROM=${SP_PG_PORT_FROM:-56432} sp_start_cluster "$work/pg" throwaway
# The cluster's superuser: the tests create in it the roles the portal runs as (TestDatabase.cs),
# an owner of every test database and a portal role that owns nothing, as run.sh and compose do.
export SERVICEPUBLIC_TEST_DB
SERVICEPUBLIC_TEST_DB=$(sp_connection_string postgres)
export CHROMIUM_PATH=${CHROMIUM_PATH:-$(command -v chromium)}

sp_log "Building…"
dotnet build ServicePublic.sln -c Release -v quiet -nologo -clp:ErrorsOnly

sp_log "Testing…"
status=0
for project in tests/ServicePublic.UnitTests tests/ServicePublic.IntegrationTests tests/ServicePublic.BrowserTests; do
  name=$(basename "$project")
  dotnet test "$project" -c Release --no-build -nologo -v quiet \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$work/results" || status=1
done

# CI reads the plain closing line: totals from the TRX files.
passed=0 failed=0 skipped=0
for trx in "$work"/results/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$(get total); executed=$(get executed); p=$(get passed); f=$(get failed)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${total:-0} - ${executed:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi  # a project that did not even run
if [ "$passed" -eq 0 ]; then status=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
