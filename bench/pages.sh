#!/usr/bin/env bash
# The portal's pages against a hand-written baseline (issue 13, goal 1): starts the portal as
# production runs it (Release, Production environment, behind a trusted proxy, the two database
# roles, as bench/supervision.sh) and, in the same run, bench/ServicePublic.Baseline (Kestrel + Npgsql
# + HTML written by hand) on the same database; loads each page of each with wrk (Debian's, installed
# if missing; bench/ServicePublic.Load when it cannot be) and prints per page req/s, p50/p95/p99,
# errors, the ratio portal/baseline, and both pages' sizes.
#   bench/run.sh pages [--seconds 10] [--warmup 3] [--connections 32] [--output-cache on|off]
#                      [--big] [--requests 100000] [--loader wrk|dotnet] [LABEL…]
#     --seconds       measured seconds per page and server
#     --warmup        seconds of load thrown away before each measure
#     --warm-pass     seconds of load on each page and server before any measure (default 8; 0: none):
#                     .NET recompiles hot code in the background (tiered JIT), which on 2 busy cores
#                     takes tens of seconds; without it the first pages measured code still compiling
#     --connections   concurrent connections (the issue's search target: p99 <= 100 ms at 32)
#     --output-cache  passes OutputCache__Enabled=true|false to the portal (default: not passed)
#     --big           the 4-million-request database of bench/run.sh generate (servicepublic_bench)
#                     instead of the small one made here on first use (servicepublic_pages, N requests)
#     --requests N    the small database's size when it is made (default 100 000; about a minute)
#     --portal-setting KEY=VALUE   one more setting for the portal (repeatable), e.g.
#                     Database__ConnectionWaitSeconds=5
#     LABEL…          only these pages, by label: home catalogue search-permis search-carte
#                     search-passeport procedure ministry statistics requests queue
# The signed-in pages: a citizen (banc.citoyen@bench.servicepublic.tg, owning 25 of the generated
# requests) and a clerk of MDERM (password then authenticator code) sign in through the real pages;
# their cookies go to wrk. The baseline gets a cookie of its own (user id signed with a key of the run).
# The database: BENCH_DB, or the private cluster of bench/lib.sh (BENCH_PG_DIR, default .data/bench/pg).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

seconds=10 warmup=3 warm_pass=8 connections=32 cache="" big="" requests=100000 loader=wrk labels=() settings=()
while [ $# -gt 0 ]; do
  case $1 in
    --seconds) seconds=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --warm-pass) warm_pass=$2; shift ;;
    --connections) connections=$2; shift ;;
    --output-cache) case $2 in on) cache=true ;; off) cache=false ;; *) sp_die "--output-cache on|off" ;; esac; shift ;;
    --big) big=1 ;;
    --requests) requests=$2; shift ;;
    --loader) loader=$2; shift ;;
    --portal-setting) settings+=("$2"); shift ;;
    -*) sp_die "usage: bench/run.sh pages [--seconds S] [--warmup S] [--warm-pass S] [--connections C] [--output-cache on|off] [--big] [--requests N] [--loader wrk|dotnet] [--portal-setting K=V] [LABEL…]" ;;
    *) labels+=("$1") ;;
  esac
  shift
done
command -v dotnet >/dev/null 2>&1 || sp_die "The .NET SDK 10 is needed: dotnet is not on the PATH."
command -v openssl >/dev/null 2>&1 || sp_die "openssl is needed (the portal's keys, the baseline's cookie)."
if [ "$loader" = wrk ] && ! command -v wrk >/dev/null 2>&1; then
  sp_log "Installing wrk (Debian package)…"
  (sp_apt_install wrk) || true
  command -v wrk >/dev/null 2>&1 || { sp_log "wrk could not be installed: bench/ServicePublic.Load loads the pages instead."; loader=dotnet; }
fi

export BENCH_DB_NAME
if [ -n "$big" ]; then BENCH_DB_NAME=${BENCH_DB_NAME:-servicepublic_bench}; else BENCH_DB_NAME=${BENCH_DB_NAME:-servicepublic_pages}; fi
source bench/lib.sh
baseline_pid=""
pages_cleanup() {
  if [ -n "$baseline_pid" ]; then kill -TERM "$baseline_pid" 2>/dev/null || true; wait "$baseline_pid" 2>/dev/null || true; fi
  bench_cleanup
}
trap pages_cleanup EXIT
trap 'exit 130' INT TERM
bench_db_init durable
if [ "$(bench_psql -tAc "SELECT to_regclass('public.requests') IS NOT NULL AND EXISTS (SELECT 1 FROM requests)")" != t ]; then
  [ -z "$big" ] || sp_die "$PGDATABASE has no requests: run bench/run.sh generate first (or leave out --big)."
  sp_log "First run: $PGDATABASE gets the catalogue and $requests generated requests (bench/generate.sh)"
  bench/generate.sh "$requests"
fi

bench_build_portal
sp_log "Building the baseline and the load generator (Release)…"
dotnet build bench/ServicePublic.Baseline -c Release -v quiet -nologo -clp:ErrorsOnly >/dev/null
dotnet build bench/ServicePublic.Load -c Release -v quiet -nologo -clp:ErrorsOnly >/dev/null
mkdir -p "$BENCH_DIR"
stamp=$(date -u +%Y%m%dT%H%M%S)
log="$BENCH_DIR/portal-pages-$stamp.log"
bench_portal_start "$log" ForwardedHeaders__KnownProxies=127.0.0.1 Database__MigrateOnStartup=true ${cache:+OutputCache__Enabled=$cache} ${settings[@]+"${settings[@]}"}
sp_log "Portal on $BENCH_URL (log: $log)${cache:+, OutputCache__Enabled=$cache}${settings[*]:+, ${settings[*]}}"

baseline_url="http://127.0.0.1:$(sp_free_port 58600)"
cookie_key=$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
BASELINE_DB=$BENCH_PORTAL_DB BASELINE_URL=$baseline_url BASELINE_COOKIE_KEY=$cookie_key \
  dotnet bench/ServicePublic.Baseline/bin/Release/net10.0/ServicePublic.Baseline.dll >"$BENCH_DIR/baseline-$stamp.log" 2>&1 &
baseline_pid=$!
for _ in $(seq 1 60); do curl -fsS -o /dev/null "$baseline_url/health" 2>/dev/null && break; sleep 1; done
curl -fsS -o /dev/null "$baseline_url/health" || sp_die "The baseline did not start (log: $BENCH_DIR/baseline-$stamp.log)"
sp_log "Baseline on $baseline_url"

load=(dotnet bench/ServicePublic.Load/bin/Release/net10.0/ServicePublic.Load.dll)
signin() { # citizen|clerk → "id<TAB>cookie"
  "${load[@]}" signin --url "$BENCH_URL" --db "$BENCH_DB" --as "$1" --ministry MDERM
}
baseline_cookie() { # id c|s
  printf 'sp-bench=%s.%s.%s' "$1" "$2" "$(printf '%s' "$1.$2" | openssl dgst -sha256 -hmac "$cookie_key" -hex | sed 's/^.*= //')"
}
IFS=$'\t' read -r citizen_id citizen_cookie < <(signin citizen)
IFS=$'\t' read -r clerk_id clerk_cookie < <(signin clerk)
[ -n "$citizen_cookie" ] && [ -n "$clerk_cookie" ] || sp_die "Signing in through the portal's pages failed."
sp_log "A citizen and an MDERM clerk signed in through the portal's pages"

slug=$(bench_psql -tAc "SELECT slug FROM procedures WHERE status = 'Active' AND is_online ORDER BY popularity DESC, slug LIMIT 1")
# label|path|who (anonymous, citizen, clerk)
all_pages=(
  "home|/|anonymous"
  "catalogue|/demarches|anonymous"
  "search-permis|/demarches?q=permis+exploitation|anonymous"
  "search-carte|/demarches?q=carte+importateur|anonymous"
  "search-passeport|/demarches?q=passeport|anonymous"
  "procedure|/demarches/$slug|anonymous"
  "ministry|/ministeres/MDERM|anonymous"
  "statistics|/statistiques|anonymous"
  "requests|/demandes|citizen"
  "queue|/agent|clerk"
)
portal_cookie_of() { case $1 in citizen) echo "$citizen_cookie" ;; clerk) echo "$clerk_cookie" ;; *) echo "" ;; esac; }
baseline_cookie_of() { case $1 in citizen) baseline_cookie "$citizen_id" c ;; clerk) baseline_cookie "$clerk_id" s ;; *) echo "" ;; esac; }

# The visible text of a page (tags dropped, entities decoded), one piece a line: to compare contents.
page_text() {
  python3 -c '
import sys, re, html
s = sys.stdin.read()
s = re.sub(r"<head>.*?</head>", "", s, flags=re.S)
for piece in re.sub(r"<[^>]+>", "\n", s).split("\n"):
    piece = re.sub(r"\s+", " ", html.unescape(piece)).strip()
    if piece: print(piece)'
}

# measure BASE PATH COOKIE → "req/s p50 p95 p99 errors" after a warm-up.
measure() {
  local base=$1 path=$2 cookie=$3 url=$1$2 line
  if [ "$loader" = wrk ]; then
    local header=(); [ -z "$cookie" ] || header=(-H "Cookie: $cookie")
    [ "$warmup" = 0 ] || wrk -t 2 -c "$connections" -d "${warmup}s" --timeout 10s "${header[@]}" "$url" >/dev/null
    line=$(wrk -t 2 -c "$connections" -d "${seconds}s" --timeout 10s -s bench/pages.lua "${header[@]}" "$url" | grep '^RESULT')
    awk '{printf "%.1f %.1f %.1f %.1f %d\n", $2 / $3, $4, $5, $6, $7}' <<<"$line"
  else
    line=$("${load[@]}" pages --url "$base" --as anonymous --viewers "$connections" --seconds "$seconds" --warmup "$warmup" \
      ${cookie:+--cookie "$cookie"} "$path" | grep ' req ' | tail -n 1)
    sed -E 's/.* req +([0-9.,]+)\/s +p50 +([0-9.,]+) +p95 +([0-9.,]+) +p99 +([0-9.,]+) .*errors ([0-9]+).*/\1 \2 \3 \4 \5/; s/,//g' <<<"$line"
  fi
}

# Both freshly started: compile every page's code path before anything is timed (each page 10 times, one at a time).
sp_log "Warming both up (each page 10 times)…"
for entry in "${all_pages[@]}"; do
  IFS='|' read -r label path who <<<"$entry"
  pc=$(portal_cookie_of "$who"); bc=$(baseline_cookie_of "$who")
  for _ in $(seq 1 10); do
    curl -s -o /dev/null --max-time 60 ${pc:+-H "Cookie: $pc"} "$BENCH_URL$path" || true
    curl -s -o /dev/null --max-time 60 ${bc:+-H "Cookie: $bc"} "$baseline_url$path" || true
  done
done

# Both under load on every page once (the run's pages only), so that what is measured is the code
# as it runs after a while, not as the JIT first compiled it: the same for the portal and the baseline.
if [ "$warm_pass" != 0 ] && [ "$loader" = wrk ]; then
  sp_log "Warming both up under load (${warm_pass}s per page and server)…"
  for entry in "${all_pages[@]}"; do
    IFS='|' read -r label path who <<<"$entry"
    if [ ${#labels[@]} -gt 0 ] && [[ " ${labels[*]} " != *" $label "* ]]; then continue; fi
    pc=$(portal_cookie_of "$who"); bc=$(baseline_cookie_of "$who")
    wrk -t 2 -c "$connections" -d "${warm_pass}s" --timeout 10s ${pc:+-H "Cookie: $pc"} "$BENCH_URL$path" >/dev/null
    wrk -t 2 -c "$connections" -d "${warm_pass}s" --timeout 10s ${bc:+-H "Cookie: $bc"} "$baseline_url$path" >/dev/null
  done
fi

printf '\nMachine: %s cores, load average %s; %s, %s connections, %ss per page after %ss of warm-up (and %ss per page before any); database %s (%s requests)\n' \
  "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$loader" "$connections" "$seconds" "$warmup" "$warm_pass" "$PGDATABASE" \
  "$(bench_psql -tAc "SELECT to_char(reltuples, 'FM999G999G999') FROM pg_class WHERE oid = 'requests'::regclass")"
rows=()
for entry in "${all_pages[@]}"; do
  IFS='|' read -r label path who <<<"$entry"
  if [ ${#labels[@]} -gt 0 ] && [[ " ${labels[*]} " != *" $label "* ]]; then continue; fi
  pc=$(portal_cookie_of "$who"); bc=$(baseline_cookie_of "$who")
  # Both must answer 200 with the same visible text before anything is measured.
  p_status=$(curl -s -o "$BENCH_DIR/page-portal.html" -w '%{http_code}' ${pc:+-H "Cookie: $pc"} "$BENCH_URL$path")
  b_status=$(curl -s -o "$BENCH_DIR/page-baseline.html" -w '%{http_code}' ${bc:+-H "Cookie: $bc"} "$baseline_url$path")
  [ "$p_status" = 200 ] && [ "$b_status" = 200 ] || sp_die "$path: the portal answered $p_status, the baseline $b_status"
  p_bytes=$(wc -c <"$BENCH_DIR/page-portal.html"); b_bytes=$(wc -c <"$BENCH_DIR/page-baseline.html")
  same="?"
  if command -v python3 >/dev/null 2>&1; then
    differing=$(diff <(page_text <"$BENCH_DIR/page-portal.html") <(page_text <"$BENCH_DIR/page-baseline.html") | grep -c '^[<>]' || true)
    same=$([ "$differing" = 0 ] && echo same || echo "$differing lines differ")
  fi
  sp_log "$path ($who): portal then baseline…"
  read -r p_rps p_50 p_95 p_99 p_err < <(measure "$BENCH_URL" "$path" "$pc")
  read -r b_rps b_50 b_95 b_99 b_err < <(measure "$baseline_url" "$path" "$bc")
  # Still signed in, still the page: a session lost during the load would otherwise pass as fast redirects.
  after=$(curl -s -o /dev/null -w '%{http_code}' ${pc:+-H "Cookie: $pc"} "$BENCH_URL$path")
  [ "$after" = 200 ] || p_err="$p_err (then $after)"
  ratio=$(awk -v p="$p_rps" -v b="$b_rps" 'BEGIN { printf (b > 0 ? "%.2f" : "-"), p / b }')
  shown="\`$path\`"; [ "$who" = anonymous ] || shown="$shown ($who)"
  rows+=("| $shown | $p_rps | $b_rps | **${ratio}×** | $p_50 / $p_95 / $p_99 | $b_50 / $b_95 / $b_99 | $p_err / $b_err | $p_bytes / $b_bytes | $same |")
  printf '  %-36s portal %8s/s  baseline %8s/s  ratio %s\n' "$path" "$p_rps" "$b_rps" "$ratio"
done

printf '\nPages, portal against the hand-written baseline (latencies in ms; %s connections; output cache %s%s)\n\n' "$connections" "${cache:-not set}" "${settings[*]:+; ${settings[*]}}"
echo "| page | portal req/s | baseline req/s | ratio | portal p50 / p95 / p99 | baseline p50 / p95 / p99 | errors portal / baseline | bytes portal / baseline | visible text |"
echo "|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
