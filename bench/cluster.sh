#!/usr/bin/env bash
# Two web nodes behind nginx (issue 13, goal 5): bench/run.sh cluster [options of bench/ServicePublic.Cluster]
# Checks docker-compose.yml's topology (bench/cluster-config.py compose), then, on loopback, without
# docker or root: a throwaway PostgreSQL cluster, two portal instances started as production runs
# them (bench/lib.sh: Release, Production, encrypted Data Protection keys in PostgreSQL) on the
# same database and the same file store directory, and Debian's nginx (installed when missing) in
# front of them with deploy/nginx.conf itself (only paths, user, listen address and upstream
# servers replaced). Then bench/ServicePublic.Cluster proves, one PASS/FAIL line each:
#   1 a user signed in on node A continues on node B with the same cookies (and through nginx);
#   2 the background jobs do each piece of work once with both nodes running: SMS of the outbox
#     delivered once each, pending payments checked with the provider once each by reconciliation
#     (the nodes' SMS gateway and PayGate are played by the checker, which counts per node);
#   3 a supervision room open on node B shows a request taken by a clerk on node A within 2 s of A's answer;
#   4 the limit per identifier holds across nodes: the 11th sign-in for one email is refused (429);
#   5 a procedure suspended in the database shows on both nodes within 2 s (with an output cache,
#     its eviction must reach both; without one the check says SKIP: nothing to evict).
# Ports: PostgreSQL from SP_PG_PORT_FROM (58540), the nodes from BENCH_PORT_FROM (58541), the
# played providers from 58550, nginx from 58555. Exit code: 0 when no check failed, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
source bench/lib.sh

command -v dotnet >/dev/null 2>&1 || sp_die "The .NET SDK 10 is needed: dotnet is not on the PATH."
if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import yaml' 2>/dev/null; then
  sp_log "Installing python3 and python3-yaml (to read docker-compose.yml)…"
  sp_apt_install python3 python3-yaml
fi
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  sp_log "Installing nginx (Debian package; the benchmark runs its own instance, as $(id -un), on loopback)…"
  sp_apt_install nginx
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

status=0
sp_log "docker-compose.yml and deploy/nginx.conf"
python3 bench/cluster-config.py compose || status=1

# Everything of the run in one temporary folder: cluster, file store, keys, logs.
work=$(mktemp -d "${TMPDIR:-/tmp}/servicepublic-cluster.XXXXXX")
chmod 755 "$work"
export BENCH_DIR=$work BENCH_PG_DIR=$work/pg BENCH_PORT_FROM=${BENCH_PORT_FROM:-58541}
export SP_PG_PORT_FROM=${SP_PG_PORT_FROM:-58540}
unset BENCH_DB
pid_a="" pid_b="" nginx_pid=""
cluster_cleanup() {
  local pid
  for pid in $nginx_pid $pid_a $pid_b; do
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  bench_cleanup
  if [ "$status" -eq 0 ]; then rm -rf "$work"; else sp_log "Logs kept in $work (node-a.log, node-b.log, nginx/)"; fi
}
trap cluster_cleanup EXIT
trap 'exit 130' INT TERM

bench_db_init throwaway
bench_build_portal
sp_log "Building the checks (Release)…"
dotnet build bench/ServicePublic.Cluster -c Release -v quiet -nologo -clp:ErrorsOnly >"$work/build.log" \
  || { cat "$work/build.log" >&2; status=1; sp_die "The checks did not build."; }

providers_port=$(sp_free_port 58550)
proxy_port=$(sp_free_port 58555)
proxy_url="http://127.0.0.1:$proxy_port"
# The same settings on both nodes but the token each gives the played providers (who sent what);
# short polls so the background jobs' work is done in seconds.
node_settings() { # TOKEN
  echo ForwardedHeaders__KnownProxies=127.0.0.1 Database__MigrateOnStartup=true Database__SeedCatalogue=true \
    Portal__PublicUrl="$proxy_url" \
    Sms__Http__Url="http://127.0.0.1:$providers_port/sms" Sms__Http__Token="$1" \
    Payments__MobileMoney=paygate Payments__PayGate__BaseUrl="http://127.0.0.1:$providers_port" Payments__PayGate__AuthToken="$1" \
    Payments__ReconciliationPollSeconds=1 Payments__ReconciliationBatchSize=5 Outbox__PollSeconds=1 Outbox__BatchSize=5
}
sp_log "Starting node A (migrates the database and seeds the catalogue)…"
# shellcheck disable=SC2046 # one word per setting, none with spaces
bench_portal_start "$work/node-a.log" $(node_settings node-a)
pid_a=$bench_portal_pid url_a=$BENCH_URL bench_portal_pid=""
sp_log "Starting node B…"
# shellcheck disable=SC2046
bench_portal_start "$work/node-b.log" $(node_settings node-b)
pid_b=$bench_portal_pid url_b=$BENCH_URL bench_portal_pid=""
sp_log "Node A on $url_a, node B on $url_b, one database, one file store ($work/files)"

mkdir -p "$work/nginx"
python3 bench/cluster-config.py nginx "$work/nginx" "127.0.0.1:$proxy_port" "${url_a#http://}" "${url_b#http://}"
if "$nginx_bin" -t -q -p "$work/nginx" -e "$work/nginx/error.log" -c "$work/nginx/nginx.conf"; then
  echo "PASS  nginx -t: deploy/nginx.conf, with loopback paths and the two nodes as upstream servers"
else
  echo "FAIL  nginx -t: deploy/nginx.conf, with loopback paths and the two nodes as upstream servers"
  exit 1
fi
"$nginx_bin" -p "$work/nginx" -e "$work/nginx/error.log" -c "$work/nginx/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
for _ in $(seq 1 50); do
  curl -fsS -o /dev/null "$proxy_url/health" 2>/dev/null && break
  sleep 0.2
done
curl -fsS -o /dev/null "$proxy_url/health" || sp_die "nginx does not answer on $proxy_url (log: $work/nginx/error.log)"
sp_log "nginx on $proxy_url"

dotnet bench/ServicePublic.Cluster/bin/Release/net10.0/ServicePublic.Cluster.dll \
  --a "$url_a" --b "$url_b" --proxy "$proxy_url" --db "$BENCH_DB" --providers-port "$providers_port" "$@" || status=1

# Who answered through nginx (its log names the upstream of each request).
echo
echo "Requests through nginx, by node: $(grep -o 'upstream=[0-9.:]*' "$work/nginx/access.log" | sort | uniq -c \
  | sed -e "s|upstream=${url_a#http://}|A|" -e "s|upstream=${url_b#http://}|B|" | awk '{printf "%s %s  ", $2, $1}')"
exit "$status"
