#!/usr/bin/env bash
# Is the test suite slower than at another commit? Builds BASE (any commit) and HEAD in throwaway
# clones, then runs test.sh's test phase (the three dotnet test commands, build excluded) for each,
# alternately, ROUNDS times, each on a fresh throwaway PostgreSQL cluster. Prints per run: tests,
# wall time, the test processes' CPU and PostgreSQL's CPU (this machine is shared: compare the runs
# of one invocation, and prefer CPU to wall).
#   bench/run.sh test-suite BASE [ROUNDS=2]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
base=${1:?usage: bench/run.sh test-suite BASE [ROUNDS]}
rounds=${2:-2}
sp_ensure_postgres
sp_ensure_chromium

work=$(mktemp -d "${TMPDIR:-/tmp}/servicepublic-suite.XXXXXX")
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
for side in base head; do
  rev=$([ "$side" = base ] && echo "$base" || git rev-parse HEAD)
  git clone -q . "$work/$side" && git -C "$work/$side" checkout -q "$rev"
  sp_log "Building $side ($(git -C "$work/$side" rev-parse --short HEAD))…"
  (cd "$work/$side" && dotnet build ServicePublic.sln -c Release -v quiet -nologo -clp:ErrorsOnly >/dev/null)
done

# One run: the test phase of test.sh in TREE, on a cluster of its own.
run() {
  local tree=$1 label=$2 pg="$work/pg-$2" start end pid pg0 pg1 cpu0 cpu1 tck passed
  tck=$(getconf CLK_TCK)
  SP_PG_PORT_FROM=58532 sp_start_cluster "$pg" throwaway >/dev/null
  export SERVICEPUBLIC_TEST_DB
  SERVICEPUBLIC_TEST_DB=$(sp_connection_string postgres)
  pid=$(head -1 "$pg/data/postmaster.pid")
  pgcpu() { awk '{print $14 + $15 + $16 + $17}' "/proc/$pid/stat"; }
  selfcpu() { awk '{print $16 + $17}' /proc/$$/stat; }
  pg0=$(pgcpu); cpu0=$(selfcpu); start=$(date +%s.%N)
  for project in UnitTests IntegrationTests BrowserTests; do
    (cd "$tree" && CHROMIUM_PATH=$(command -v chromium) dotnet test "tests/ServicePublic.$project" -c Release --no-build -nologo -v quiet \
      --logger "trx;LogFileName=$project.trx" --results-directory "$work/results-$label" >/dev/null 2>&1) || true
  done
  end=$(date +%s.%N); pg1=$(pgcpu); cpu1=$(selfcpu)
  sp_stop_cluster "$pg"
  passed=$(grep -ho '<Counters [^>]*>' "$work"/results-"$label"/*.trx | sed -n 's/.* passed="\([0-9]*\)".*/\1/p' | paste -sd+ | bc)
  printf '%-8s %6s passed  wall %6.1f s  tests CPU %6.1f s  PostgreSQL CPU %5.1f s  load %s\n' "$label" "$passed" \
    "$(echo "$end - $start" | bc)" "$(echo "($cpu1 - $cpu0) / $tck" | bc -l)" "$(echo "($pg1 - $pg0) / $tck" | bc -l)" "$(cut -d' ' -f1 /proc/loadavg)"
}

for round in $(seq 1 "$rounds"); do
  run "$work/base" "base-$round"
  run "$work/head" "head-$round"
done
