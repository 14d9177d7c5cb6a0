# Shared by the supervision benchmarks (bench/generate.sh, bench/supervision.sh): the benchmark
# database and a portal started on it the way production runs it. Sourced after scripts/lib.sh.
#
# The database: BENCH_DB (an Npgsql connection string) when set; otherwise the database
# servicepublic_bench of a private cluster in BENCH_PG_DIR (default .data/bench/pg), started here
# if it is not running (and stopped on exit unless BENCH_KEEP_RUNNING=1, or unless it was running).
# BENCH_DB is a superuser's (generate.sql loads rows with triggers off); the portal itself migrates
# as the database's owner (BENCH_OWNER_DB) and runs as a role that owns nothing (BENCH_PORTAL_DB),
# as in production: with BENCH_DB, give those two as well.

BENCH_DIR=${BENCH_DIR:-$PWD/.data/bench}
BENCH_PG_DIR=${BENCH_PG_DIR:-$BENCH_DIR/pg}
BENCH_DB_NAME=${BENCH_DB_NAME:-servicepublic_bench}
bench_started_cluster=""
bench_portal_pid=""

# Sets PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE from an Npgsql connection string.
bench_parse_connection_string() {
  local part key value
  local IFS=';'
  for part in $1; do
    key=$(printf '%s' "${part%%=*}" | tr '[:upper:]' '[:lower:]' | tr -d ' ')
    value=${part#*=}
    case $key in
      host|server) export PGHOST=$value ;;
      port) export PGPORT=$value ;;
      database) export PGDATABASE=$value ;;
      username|userid|user) export PGUSER=$value ;;
      password) export PGPASSWORD=$value ;;
    esac
  done
  export PGPORT=${PGPORT:-5432}
}

bench_psql() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

# bench_db_init durable|throwaway [fresh]: makes BENCH_DB usable and exports it with the PG* variables.
bench_db_init() {
  local mode=$1 fresh=${2:-}
  if [ -n "${BENCH_DB:-}" ]; then
    [ -z "$fresh" ] || sp_die "--fresh drops the database: with BENCH_DB, drop and create it yourself."
    [ -n "${BENCH_OWNER_DB:-}" ] && [ -n "${BENCH_PORTAL_DB:-}" ] \
      || sp_die "With BENCH_DB, set BENCH_OWNER_DB and BENCH_PORTAL_DB too: the connections of the database's owner and of the portal's role (deploy/database-roles.sql)."
    bench_parse_connection_string "$BENCH_DB"
    return
  fi
  sp_ensure_postgres
  if sp_cluster_running "$BENCH_PG_DIR"; then
    SP_PG_PORT=$(sed -n 4p "$BENCH_PG_DIR/data/postmaster.pid")
    SP_PG_PASSWORD=$(cat "$BENCH_PG_DIR/../$(basename "$BENCH_PG_DIR").password")
    sp_log "Using the running benchmark cluster on 127.0.0.1:$SP_PG_PORT ($BENCH_PG_DIR)"
  else
    SP_PG_PORT_FROM=${SP_PG_PORT_FROM:-58732} sp_start_cluster "$BENCH_PG_DIR" "$mode"
    [ "${BENCH_KEEP_RUNNING:-}" = 1 ] || bench_started_cluster=1
  fi
  bench_parse_connection_string "$(sp_connection_string postgres)"
  if [ -n "$fresh" ]; then
    sp_log "Dropping $BENCH_DB_NAME (--fresh)"
    bench_psql -c "DROP DATABASE IF EXISTS $BENCH_DB_NAME WITH (FORCE)"
  fi
  sp_database_roles "$BENCH_PG_DIR" "$BENCH_DB_NAME"
  export BENCH_DB PGDATABASE=$BENCH_DB_NAME BENCH_OWNER_DB=$SP_OWNER_CONNECTION BENCH_PORTAL_DB=$SP_PORTAL_CONNECTION
  BENCH_DB=$(sp_connection_string "$BENCH_DB_NAME")
}

bench_cleanup() {
  bench_portal_stop
  if [ -n "$bench_started_cluster" ]; then
    sp_log "Stopping the benchmark cluster (BENCH_KEEP_RUNNING=1 leaves it running)"
    sp_stop_cluster "$BENCH_PG_DIR"
  fi
}

bench_build_portal() {
  sp_log "Building the portal (Release)…"
  dotnet build src/ServicePublic.Web -c Release -v quiet -nologo -clp:ErrorsOnly >/dev/null
}

# bench_portal_start LOG [VAR=value…]: the Release build in the Production environment on a free
# loopback port (sets BENCH_URL), as docker-compose.yml configures it, minus TLS: no demo accounts,
# no developer pages. Extra settings (e.g. Database__MigrateOnStartup=true) are passed as VAR=value.
bench_portal_start() {
  local log=$1; shift
  local port; port=$(sp_free_port "${BENCH_PORT_FROM:-58480}")
  mkdir -p "$BENCH_DIR/files"
  # Production signs issued documents and audit checkpoints with keys of their own, outside the database.
  local key
  for key in document-signing-key audit-checkpoint-key; do
    sp_ec_key "$BENCH_DIR/$key.pem" || sp_die "openssl is needed to make the benchmark portal's $key."
  done
  BENCH_URL="http://127.0.0.1:$port"
  # A pool as docker-compose.yml gives each replica (25): Npgsql's default (100) exceeds what the
  # benchmark cluster accepts (max_connections 100), and queries then fail with 53300 under load.
  local portal_db=$BENCH_PORTAL_DB
  case $portal_db in *[Pp]ool\ [Ss]ize*) ;; *) portal_db="$portal_db;Maximum Pool Size=${BENCH_POOL_SIZE:-25}" ;; esac
  # Production keeps its Data Protection keys encrypted, or refuses to start.
  sp_dataprotection_certificate "$BENCH_DIR"
  env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$BENCH_URL" \
    ConnectionStrings__Default="$portal_db" ConnectionStrings__Migrations="$BENCH_OWNER_DB" \
    Security__HttpsOnly=false \
    Files__Root="$BENCH_DIR/files" \
    Documents__SigningKeyPath="$BENCH_DIR/document-signing-key.pem" \
    Audit__CheckpointKeyPath="$BENCH_DIR/audit-checkpoint-key.pem" \
    Audit__CheckpointDirectory="$BENCH_DIR/audit-checkpoints" \
    Portal__PublicUrl="$BENCH_URL" \
    Telephony__Secret="${Telephony__Secret:-bench-telephony-secret-not-for-production}" \
    "$@" \
    dotnet src/ServicePublic.Web/bin/Release/net10.0/ServicePublic.Web.dll --contentRoot "$PWD/src/ServicePublic.Web" >"$log" 2>&1 &
  bench_portal_pid=$!
  local i
  for i in $(seq 1 180); do
    if ! kill -0 "$bench_portal_pid" 2>/dev/null; then
      tail -n 30 "$log" >&2
      bench_portal_pid=""
      sp_die "The portal stopped during its start (log: $log)"
    fi
    if curl -fsS -o /dev/null "$BENCH_URL/health" 2>/dev/null; then
      return
    fi
    sleep 1
  done
  sp_die "The portal did not answer /health within 3 minutes (log: $log)"
}

bench_portal_stop() {
  [ -n "$bench_portal_pid" ] || return 0
  kill -TERM "$bench_portal_pid" 2>/dev/null || true
  wait "$bench_portal_pid" 2>/dev/null || true
  bench_portal_pid=""
}

# Seconds since $1 (a `date +%s.%N` value), one decimal.
bench_since() { printf '%.1f' "$(echo "$(date +%s.%N) - $1" | bc)"; }
