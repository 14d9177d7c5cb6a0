#!/usr/bin/env bash
# The callback-storm benchmark (bench/ServicePublic.Bench): run on purpose, never by test.sh.
# Starts its own throwaway PostgreSQL cluster (never .data/), builds in Release, runs, and stops
# the cluster on exit. Options go to the benchmark:
#   bench/run.sh [--payments N=10000] [--clients C=64] [--max-copies K=5] [--seed S] [--max-seconds T] [--pool-size P]
# The test suite's speed against another commit, side by side (see bench/test-suite.sh):
#   bench/run.sh test-suite BASE [ROUNDS=2]
# The supervision benchmarks (bench/generate.sh, bench/supervision.sh): a database of N requests,
# then the room, statistics, live latency and wall-screen cost measured on it:
#   bench/run.sh generate [N=4000000] [--fresh] [--until TIMESTAMP] [--seed S]
#   bench/run.sh supervision [options of bench/supervision.sh]
#   bench/run.sh queries [MINISTRY]   (EXPLAIN ANALYZE of the room's kinds of queries)
# Two portal nodes behind nginx, and docker-compose.yml's topology, checked (bench/cluster.sh):
#   bench/run.sh cluster [--messages N=60] [--payments N=60]
# The portal's pages against a hand-written Kestrel + Npgsql baseline (bench/pages.sh):
#   bench/run.sh pages [--seconds 10] [--connections 32] [--output-cache on|off] [--big] [LABEL…]
# Virtual users browsing, filing and paying, and clerks deciding, on the 4M database (bench/mixed.sh):
#   bench/run.sh mixed [--users 200] [--minutes 10 | --seconds S] [--warmup 30] [--small]
# Exit code: 0 when every payment was applied exactly once and every callback answered 200,
# 1 when the exactly-once check failed, 2 when it passed but some callbacks got no 200.
set -euo pipefail
cd "$(dirname "$0")/.."
case ${1:-} in
  test-suite|generate|supervision|queries|cluster|pages|mixed) command=$1; shift; exec "bench/$command.sh" "$@" ;;
esac
source scripts/lib.sh

command -v dotnet >/dev/null 2>&1 || sp_die "The .NET SDK 10 is needed: dotnet is not on the PATH."
sp_ensure_postgres

work=$(mktemp -d "${TMPDIR:-/tmp}/servicepublic-bench.XXXXXX")
chmod 755 "$work"
trap 'sp_stop_cluster "$work/pg"; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
SP_PG_PORT_FROM=${SP_PG_PORT_FROM:-58432} sp_start_cluster "$work/pg" throwaway
export SERVICEPUBLIC_TEST_DB
SERVICEPUBLIC_TEST_DB=$(sp_connection_string postgres)

sp_log "Building the benchmark (Release)…"
dotnet build bench/ServicePublic.Bench -c Release -v quiet -nologo -clp:ErrorsOnly

sp_log "Running…"
dotnet bench/ServicePublic.Bench/bin/Release/net10.0/ServicePublic.Bench.dll "$@"
