#!/usr/bin/env bash
# The supervision benchmarks of issue 11 on the database of `bench/run.sh generate`: starts the
# portal as production runs it (Release build, Production environment, no demo accounts or
# developer pages, behind a trusted proxy as in docker-compose.yml), then bench/ServicePublic.Load:
#   (a) /supervision (a supervisor's ministry, then an administrator's nation) and /statistiques,
#       p50/p95/p99 with 20 concurrent viewers each (target p95 <= 200 ms);
#   (b) 20 room screens on the stream, 100 state changes committed in SQL one per transaction:
#       commit -> event, and commit -> live part including it, on every screen, p50/p95/max
#       (target <= 2 s, none lost);
#   (c) /demarches and /demarches/{slug} at concurrency 8 while changes are committed, with 0 then
#       50 wall screens open (each on its stream, which pushes its live part after changes), alternately,
#       and the p95 ratio (target <= +10 %).
#   bench/run.sh supervision [pages|live|walls] [options of bench/ServicePublic.Load]
# e.g. bench/run.sh supervision --seconds 60 --rounds 3; bench/run.sh supervision pages --as anonymous /demarches
# Staff accounts for the run (banc.*@bench.servicepublic.tg) are made in the database with a
# password drawn for the run and an authenticator key each; they sign in through the real pages.
# The database: BENCH_DB, or the private cluster of bench/lib.sh (started with fsync on if it is not
# running). Exit code: 0 when every target is met, 2 when one is missed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
source bench/lib.sh

command=supervision
case ${1:-} in
  pages|live|walls) command=$1; shift ;;
esac
command -v dotnet >/dev/null 2>&1 || sp_die "The .NET SDK 10 is needed: dotnet is not on the PATH."

trap bench_cleanup EXIT
trap 'exit 130' INT TERM
bench_db_init durable
[ "$(bench_psql -tAc "SELECT to_regclass('public.requests') IS NOT NULL AND EXISTS (SELECT 1 FROM requests)")" = t ] \
  || sp_die "$PGDATABASE has no requests: run bench/run.sh generate first."

bench_build_portal
sp_log "Building the load generator (Release)…"
dotnet build bench/ServicePublic.Load -c Release -v quiet -nologo -clp:ErrorsOnly >/dev/null
mkdir -p "$BENCH_DIR"
log="$BENCH_DIR/portal-$(date -u +%Y%m%dT%H%M%S).log"
bench_portal_start "$log" ForwardedHeaders__KnownProxies=127.0.0.1
sp_log "Portal on $BENCH_URL (log: $log)"

status=0
dotnet bench/ServicePublic.Load/bin/Release/net10.0/ServicePublic.Load.dll "$command" --url "$BENCH_URL" --db "$BENCH_DB" "$@" || status=$?
exit "$status"
