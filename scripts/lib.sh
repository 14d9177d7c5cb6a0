# Shared by run.sh and test.sh: install what is missing, run a private PostgreSQL cluster.
# Sourced, not executed. Functions are prefixed sp_.

sp_log() { printf '\033[1;32m==>\033[0m %s\n' "$*" >&2; }
sp_die() { printf '\033[1;31mError:\033[0m %s\n' "$*" >&2; exit 1; }

# Runs a command as root: directly when we are root, through sudo otherwise.
sp_as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else sp_die "'$*' needs root, and sudo is not installed. Run it as root once, then retry."
  fi
}

sp_apt_updated=""
sp_apt_install() {
  command -v apt-get >/dev/null 2>&1 || sp_die "apt-get not found: install $* by hand (this script knows Debian and Ubuntu)."
  if [ -z "$sp_apt_updated" ]; then
    sp_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    sp_apt_updated=1
  fi
  sp_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

sp_pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# PostgreSQL server with unaccent and pg_trgm (postgresql-contrib), installed only when missing:
# apt-get install is not a no-op (it may upgrade packages).
sp_ensure_postgres() {
  local bin; bin=$(sp_pg_bin)
  if [ -n "$bin" ] && [ -x "$bin/initdb" ] && ls /usr/share/postgresql/*/extension/unaccent.control >/dev/null 2>&1 \
     && ls /usr/share/postgresql/*/extension/pg_trgm.control >/dev/null 2>&1; then
    return
  fi
  sp_log "Installing PostgreSQL (server and contrib)…"
  sp_apt_install postgresql postgresql-contrib
  bin=$(sp_pg_bin)
  [ -n "$bin" ] && [ -x "$bin/initdb" ] || sp_die "PostgreSQL was installed but initdb is not under /usr/lib/postgresql/*/bin."
}

sp_ensure_chromium() {
  command -v chromium >/dev/null 2>&1 && return
  sp_log "Installing Chromium for the browser tests…"
  sp_apt_install chromium fonts-liberation
}

# A free TCP port on loopback, from $1 upwards.
sp_free_port() {
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

# PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres system user.
sp_pg_user() { if [ "$(id -u)" -eq 0 ]; then echo postgres; else id -un; fi; }
sp_pg_run() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# sp_start_cluster DIR durable|throwaway: creates the cluster on first use, starts it on a free
# loopback port, and sets SP_PG_PORT and SP_PG_PASSWORD. The socket lives inside DIR, so nothing
# else on the machine is touched.
sp_start_cluster() {
  local dir=$1 mode=$2 bin user
  bin=$(sp_pg_bin); user=$(sp_pg_user)
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if [ "$user" = postgres ]; then
    # The postgres user must be able to reach the folder (e.g. a clone under /root).
    local d=$dir
    while [ "$d" != / ]; do
      runuser -u postgres -- test -x "$d" 2>/dev/null || { sp_log "Letting PostgreSQL traverse $d (chmod o+x)"; chmod o+x "$d"; }
      d=$(dirname "$d")
    done
    chown postgres: "$dir"
  fi
  chmod 700 "$dir"
  local secret="$dir/../$(basename "$dir").password"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    rm -f "$secret"; sp_secret "$secret" >/dev/null
    local pwfile; pwfile=$(mktemp)
    cp "$secret" "$pwfile"; chmod 644 "$pwfile"
    sp_log "Creating a PostgreSQL cluster in $dir/data"
    sp_pg_run "$bin/initdb" -D "$dir/data" -U servicepublic --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 \
      --auth-local=scram-sha-256 --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 \
      || { rm -f "$pwfile"; cat "$dir/initdb.log" >&2; sp_die "initdb failed"; }
    rm -f "$pwfile"
  fi
  SP_PG_PASSWORD=$(cat "$secret")
  SP_PG_PORT=$(sp_free_port "${SP_PG_PORT_FROM:-55432}")
  local opts="-c listen_addresses=127.0.0.1 -p $SP_PG_PORT -k $dir/data"
  if [ "$mode" = throwaway ]; then
    opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400"
  fi
  sp_pg_run "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgresql.log" -o "$opts" -w -t 60 start >/dev/null \
    || { tail -n 20 "$dir/postgresql.log" >&2; sp_die "PostgreSQL did not start (log: $dir/postgresql.log)"; }
  sp_log "PostgreSQL listening on 127.0.0.1:$SP_PG_PORT (data: $dir/data)"
}

sp_cluster_running() {
  local dir=$1
  [ -f "$dir/data/postmaster.pid" ] && sp_pg_run "$(sp_pg_bin)/pg_ctl" -D "$dir/data" status >/dev/null 2>&1
}

sp_stop_cluster() {
  local dir=$1 bin; bin=$(sp_pg_bin)
  [ -f "$dir/data/postmaster.pid" ] || return 0
  sp_pg_run "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
}

# The cluster's superuser (named servicepublic by initdb above): for scripts that create roles and
# databases, never for the portal.
sp_connection_string() { # database
  echo "Host=127.0.0.1;Port=$SP_PG_PORT;Database=$1;Username=servicepublic;Password=$SP_PG_PASSWORD"
}

# sp_secret FILE: a random secret (letters and digits) drawn once into FILE (mode 600); prints it.
sp_secret() {
  [ -s "$1" ] || (umask 077 && head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$1")
  cat "$1"
}

# sp_database_roles DIR DATABASE: in the running cluster of DIR, DATABASE and its two roles
# (deploy/database-roles.sql): servicepublic_owner owns it and runs the migrations,
# servicepublic_portal is the portal at run time and owns nothing. Their passwords are drawn once
# into DIR.owner.password and DIR.portal.password. Sets SP_OWNER_CONNECTION and SP_PORTAL_CONNECTION.
sp_database_roles() {
  local dir=$1 db=$2 owner_password portal_password
  owner_password=$(sp_secret "$dir.owner.password")
  portal_password=$(sp_secret "$dir.portal.password")
  PGPASSWORD=$SP_PG_PASSWORD psql -X -q -h 127.0.0.1 -p "$SP_PG_PORT" -U servicepublic -d postgres -v ON_ERROR_STOP=1 \
    -v db="$db" -v owner=servicepublic_owner -v owner_password="$owner_password" \
    -v portal=servicepublic_portal -v portal_password="$portal_password" \
    -f "$(dirname "${BASH_SOURCE[0]}")/../deploy/database-roles.sql" >/dev/null \
    || sp_die "Could not set up the database $db and its roles (deploy/database-roles.sql)."
  SP_OWNER_CONNECTION="Host=127.0.0.1;Port=$SP_PG_PORT;Database=$db;Username=servicepublic_owner;Password=$owner_password"
  SP_PORTAL_CONNECTION="Host=127.0.0.1;Port=$SP_PG_PORT;Database=$db;Username=servicepublic_portal;Password=$portal_password"
}

# sp_dataprotection_certificate DIR: a certificate that encrypts the Data Protection keys, drawn
# once into DIR/dataprotection.pfx (password in DIR/dataprotection-password, both mode 600), and
# exported as DataProtection__CertificatePath/Password. Without openssl nothing is exported (keys
# are then stored unencrypted, which only Development allows).
sp_dataprotection_certificate() {
  local dir=$1
  if [ ! -s "$dir/dataprotection.pfx" ] && command -v openssl >/dev/null 2>&1; then
    sp_secret "$dir/dataprotection-password" >/dev/null
    openssl req -x509 -newkey rsa:3072 -nodes -days 3650 -subj "/CN=ServicePublic Data Protection (this machine)" \
      -keyout "$dir/dataprotection-key.pem" -out "$dir/dataprotection-cert.pem" 2>/dev/null
    openssl pkcs12 -export -inkey "$dir/dataprotection-key.pem" -in "$dir/dataprotection-cert.pem" \
      -out "$dir/dataprotection.pfx" -passout "file:$dir/dataprotection-password"
    rm -f "$dir/dataprotection-key.pem" "$dir/dataprotection-cert.pem"
    chmod 600 "$dir/dataprotection.pfx"
  fi
  if [ -s "$dir/dataprotection.pfx" ]; then
    export DataProtection__CertificatePath DataProtection__CertificatePassword
    DataProtection__CertificatePath="$(cd "$dir" && pwd)/dataprotection.pfx"
    DataProtection__CertificatePassword=$(cat "$dir/dataprotection-password")
  fi
}

# sp_ec_key FILE: an ECDSA P-256 private key drawn once into FILE (mode 600) when openssl is there;
# true when FILE holds one.
sp_ec_key() {
  if [ ! -s "$1" ] && command -v openssl >/dev/null 2>&1; then
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null
    chmod 600 "$1"
  fi
  [ -s "$1" ]
}
