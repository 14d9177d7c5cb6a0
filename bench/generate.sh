#!/usr/bin/env bash
# Fills the benchmark database with N requests (default 4 000 000) over ten years, for the
# supervision benchmarks (bench/supervision.sh). See bench/generate.sql for what is made.
#   bench/run.sh generate [N] [--fresh] [--until TIMESTAMP] [--seed S]
#     --fresh   drop and recreate the private benchmark database first (refused with BENCH_DB)
#     --until   the moment the data stops (default: now); requests still open then stay open
#     --seed    another draw of the same shape (default 1)
# The database: BENCH_DB (an Npgsql connection string to an empty database) or the private cluster
# of bench/lib.sh (BENCH_PG_DIR, default .data/bench/pg; BENCH_KEEP_RUNNING=1 leaves it running).
# Refuses a database that already has requests. Prints each phase's time, row counts and sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
source bench/lib.sh

n=4000000 fresh="" until="" seed=1
while [ $# -gt 0 ]; do
  case $1 in
    --fresh) fresh=1 ;;
    --until) until=$2; shift ;;
    --seed) seed=$2; shift ;;
    [0-9]*) n=$1 ;;
    *) sp_die "usage: bench/run.sh generate [N] [--fresh] [--until TIMESTAMP] [--seed S]" ;;
  esac
  shift
done
[ "$n" -ge 1000 ] || sp_die "N must be at least 1000."
command -v dotnet >/dev/null 2>&1 || sp_die "The .NET SDK 10 is needed: dotnet is not on the PATH."

trap bench_cleanup EXIT
trap 'exit 130' INT TERM
bench_db_init throwaway "$fresh"
start=$(date +%s.%N)

if [ "$(bench_psql -tAc "SELECT to_regclass('public.requests') IS NOT NULL")" = t ] \
   && [ "$(bench_psql -tAc "SELECT EXISTS (SELECT 1 FROM requests)")" = t ]; then
  sp_die "$PGDATABASE on $PGHOST:$PGPORT already has requests: generate fills an empty database. Start over with --fresh (private cluster) or give an empty BENCH_DB."
fi

# The schema and the catalogue, as the portal makes them: migrations and catalogue seed at start-up.
phase=$(date +%s.%N)
bench_build_portal
mkdir -p "$BENCH_DIR"
bench_portal_start "$BENCH_DIR/portal-migrate.log" Database__MigrateOnStartup=true Database__SeedCatalogue=true
bench_portal_stop
sp_log "Schema migrated and catalogue seeded by the portal: $(bench_since "$phase") s (build included)"

until=${until:-$(date -u '+%Y-%m-%d %H:%M:%S+00')}
sp_log "Generating $n requests up to $until (seed $seed)…"
phase=$(date +%s.%N)
PGAPPNAME=sp-bench-generate bench_psql -v n="$n" -v until="'$until'" -v seed="$seed" -f bench/generate.sql &
generator=$!
# Ctrl-C does not reach a background job: cancel the statement, and the transaction rolls back.
trap 'bench_psql -qtAc "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = '"'"'sp-bench-generate'"'"'" >/dev/null 2>&1; exit 130' INT TERM
# The generating backend's CPU time, sampled while it runs (when PostgreSQL runs on this machine):
# on a shared machine, CPU says more than wall time.
cpu=""
while kill -0 "$generator" 2>/dev/null; do
  backend=$(bench_psql -tAc "SELECT pid FROM pg_stat_activity WHERE application_name = 'sp-bench-generate' LIMIT 1" 2>/dev/null || true)
  if [ -n "$backend" ] && [ -r "/proc/$backend/stat" ]; then
    cpu=$(awk -v tck="$(getconf CLK_TCK)" '{printf "%.0f", ($14 + $15) / tck}' "/proc/$backend/stat")
  fi
  sleep 2
done
wait "$generator"
sp_log "Generated in $(bench_since "$phase") s${cpu:+ (PostgreSQL CPU about $cpu s, load average $(cut -d' ' -f1-3 /proc/loadavg))}"

phase=$(date +%s.%N)
bench_psql -c 'VACUUM (ANALYZE) requests, request_events, payments, "AspNetUsers", "AspNetUserRoles", supervision_daily, supervision_durations, supervision_activity'
sp_log "VACUUM (ANALYZE): $(bench_since "$phase") s"

bench_psql -f bench/generate-report.sql
phase=$(date +%s.%N)
bench_psql -f bench/generate-check.sql
sp_log "Sample checked against its events: $(bench_since "$phase") s"
sp_log "Done in $(bench_since "$start") s. Database: $BENCH_DB"
