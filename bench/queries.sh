#!/usr/bin/env bash
# EXPLAIN ANALYZE of the supervision room's and public statistics' kinds of queries on the benchmark
# database (bench/queries.sql): their timings, and whether any reads more than its scope.
#   bench/run.sh queries [MINISTRY-CODE=MDERM]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
source bench/lib.sh
trap bench_cleanup EXIT
bench_db_init durable
bench_psql -v ministry="${1:-MDERM}" -f bench/queries.sql
