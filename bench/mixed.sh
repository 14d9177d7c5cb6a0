#!/usr/bin/env bash
# The mixed load (issue 13, goal 4): virtual users for a while on the 4-million-request database of
# bench/run.sh generate, each pausing 1-3 s between steps as a person does, each visit drawn by
# weight: an anonymous visitor (home, catalogue or a search, a procedure, a ministry or the
# statistics); a citizen (signs in, opens the importer card, starts a draft, fills its form, saves
# it with a small PDF, submits it with the other documents, pays in the sandbox, comes back, tracks
# it, lists their requests, signs out); a clerk of MCIC (signs in with an authenticator code, takes
# up to three requests from the queue, starts reviewing and decides each, signs out). Every step
# goes through the real pages and forms (bench/ServicePublic.Load mixed); the table gives, per
# step, count, req/s, p50/p95/p99/max, errors and whether its target is met: p95 <= 100 ms,
# p99 <= 250 ms, 0 errors; the filing posts (draft start, draft save, submit) p95 <= 300 ms.
#   bench/run.sh mixed [--users 200] [--minutes 10 | --seconds S] [--warmup 30] [--small]
#                      [--requests 100000] [--think-min 1] [--think-max 3] [--weights 6:3:1]
#                      [--portal-setting KEY=VALUE]…
#     --small        the pages benchmark's database (servicepublic_pages, N requests, made on first
#                    use) instead of servicepublic_bench, for a quick try: --small --users 20 --seconds 60
#     --weights      anonymous:citizen:clerk visits
# The portal is started as bench/lib.sh starts it for production (Release, the two database roles,
# behind a trusted proxy, encrypted keys) but in the Staging environment with the payment sandbox
# on: Production refuses to start with the sandbox (it takes no money). Nothing else differs for
# the pages measured (Production only adds start-up refusals and drops the kept demo messages).
# The database: BENCH_DB, or the private cluster of bench/lib.sh (BENCH_PG_DIR, default
# .data/bench/pg), made with bench/generate.sh if it has no requests (4 000 000: about 8 minutes).
# The run adds requests, payments and decisions to it. Exit code: 0 when every target is met, 2 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

users=200 seconds=600 warmup=30 small="" requests=100000 settings=() load_options=()
while [ $# -gt 0 ]; do
  case $1 in
    --users) users=$2; shift ;;
    --minutes) seconds=$(( $2 * 60 )); shift ;;
    --seconds) seconds=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --small) small=1 ;;
    --big) small="" ;;
    --requests) requests=$2; shift ;;
    --think-min|--think-max|--weights|--procedure|--clerk-ministry|--seed) load_options+=("$1" "$2"); shift ;;
    --portal-setting) settings+=("$2"); shift ;;
    *) sp_die "usage: bench/run.sh mixed [--users N] [--minutes M | --seconds S] [--warmup S] [--small] [--requests N] [--think-min S] [--think-max S] [--weights A:C:K] [--portal-setting K=V]" ;;
  esac
  shift
done
command -v dotnet >/dev/null 2>&1 || sp_die "The .NET SDK 10 is needed: dotnet is not on the PATH."
command -v openssl >/dev/null 2>&1 || sp_die "openssl is needed (the portal's keys)."

export BENCH_DB_NAME
if [ -n "$small" ]; then BENCH_DB_NAME=${BENCH_DB_NAME:-servicepublic_pages}; else BENCH_DB_NAME=${BENCH_DB_NAME:-servicepublic_bench}; fi
source bench/lib.sh
trap bench_cleanup EXIT
trap 'exit 130' INT TERM
bench_db_init durable
if [ "$(bench_psql -tAc "SELECT to_regclass('public.requests') IS NOT NULL AND EXISTS (SELECT 1 FROM requests)")" != t ]; then
  n=$([ -n "$small" ] && echo "$requests" || echo 4000000)
  sp_log "First run: $PGDATABASE gets the catalogue and $n generated requests (bench/generate.sh)"
  bench/generate.sh "$n"
fi

bench_build_portal
sp_log "Building the load generator (Release)…"
dotnet build bench/ServicePublic.Load -c Release -v quiet -nologo -clp:ErrorsOnly >/dev/null
mkdir -p "$BENCH_DIR"
log="$BENCH_DIR/portal-mixed-$(date -u +%Y%m%dT%H%M%S).log"
# Database__MigrateOnStartup: the owner brings the schema up to date (nothing to do on a current
# one) and grants the portal's role its rights, as a deployment does: a database generated before
# the two roles existed would otherwise refuse the portal every table.
# Filing__DraftsPerDay: the same 800 citizens file all day long, run after run; the portal's limit
# of 20 a day per account (against scripts) refused their drafts from the sixth run of a day on.
bench_portal_start "$log" ASPNETCORE_ENVIRONMENT=Staging Payments__Sandbox__Enabled=true Database__MigrateOnStartup=true \
  ForwardedHeaders__KnownProxies=127.0.0.1 Filing__DraftsPerDay=100000 ${settings[@]+"${settings[@]}"}
sp_log "Portal on $BENCH_URL (Staging with the payment sandbox; log: $log)${settings[*]:+, ${settings[*]}}"

status=$(curl -s -o /dev/null -w '%{http_code}' "$BENCH_URL/")
[ "$status" = 200 ] || { tail -n 40 "$log" >&2; sp_die "The portal answers $status on / before any load (log: $log)"; }
# Compile each kind of page before anything is timed (the warm-up of the run does the rest).
for path in / /demarches "/demarches?q=passeport" /demarches/carte-importateur /ministeres/MCIC /statistiques /compte/connexion; do
  for _ in 1 2 3; do curl -s -o /dev/null --max-time 60 "$BENCH_URL$path" || true; done
done

printf '\nCPU: %s\n' "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
status=0
dotnet bench/ServicePublic.Load/bin/Release/net10.0/ServicePublic.Load.dll mixed --url "$BENCH_URL" --db "$BENCH_DB" \
  --users "$users" --seconds "$seconds" --warmup "$warmup" ${load_options[@]+"${load_options[@]}"} || status=$?
errors=$(grep -c ' ERR\]\| FTL\]' "$log" || true)
warnings=$(grep -c ' WRN\]' "$log" || true)
echo "Portal log: $errors errors, $warnings warnings ($log)"
grep ' ERR\]\| FTL\]' -A2 "$log" | grep -o 'Unhandled error on .*\|PostgresException.*\|[A-Za-z.]*Exception: .*' | sort | uniq -c | sort -rn | head -n 6 || true
exit "$status"
