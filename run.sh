#!/usr/bin/env bash
# Runs the portal on this machine: installs PostgreSQL if missing, starts a private cluster
# under .data/ with the portal's two roles (the owner migrates, the portal runs as a role that owns
# nothing), migrates, seeds the catalogue and the demo accounts, and serves
# http://localhost:${PORT:-5080}.
# With ConnectionStrings__Default (the portal's role) and ConnectionStrings__Migrations (the
# owner's) set, uses that server instead. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/lib.sh

PORT=${PORT:-5080}
command -v dotnet >/dev/null 2>&1 || sp_die "The .NET SDK 10 is needed (https://dot.net): dotnet is not on the PATH."
mkdir -p .data/logs
SP_APP_PID="" SP_OWN_CLUSTER=""
sp_stop_app() {
  [ -n "$SP_APP_PID" ] || return 0
  kill -TERM "$SP_APP_PID" 2>/dev/null || true
  wait "$SP_APP_PID" 2>/dev/null || true
}
sp_cleanup() {
  sp_stop_app
  if [ -n "$SP_OWN_CLUSTER" ]; then sp_log "Stopping PostgreSQL"; sp_stop_cluster .data/pg; fi
}
trap sp_cleanup EXIT

if [ -z "${ConnectionStrings__Default:-}" ]; then
  sp_ensure_postgres
  sp_cluster_running .data/pg && sp_die "The portal's PostgreSQL (.data/pg) is already running: is ./run.sh running in another terminal? Stop it first."
  SP_OWN_CLUSTER=1
  sp_start_cluster .data/pg durable
  # The database is created once, later runs reuse it (one made by an earlier run.sh is handed to
  # the owner); the roles' passwords are kept in .data/pg.owner.password and .data/pg.portal.password.
  sp_database_roles .data/pg servicepublic
  export ConnectionStrings__Default=$SP_PORTAL_CONNECTION ConnectionStrings__Migrations=$SP_OWNER_CONNECTION
fi

sp_log "Building the portal…"
dotnet build src/ServicePublic.Web -c Release -v quiet -nologo -clp:ErrorsOnly

export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
export ASPNETCORE_URLS="http://localhost:$PORT"
export Files__Root="$PWD/.data/files"
export Database__MigrateOnStartup=true Database__SeedCatalogue=true Database__SeedDemoAccounts=true
# The demo accounts' password: a public, documented value (README), for this machine only.
# The portal never creates demo accounts in Production, whatever this says.
export Demo__Password=${Demo__Password:-Demo-ServicePublic-2026}
export Demo__HistoryRequests=${Demo__HistoryRequests:-1500}
# Issued documents are signed with an ECDSA P-256 key drawn once for this machine and kept under
# .data/, so their QR codes still verify after a restart (without openssl, the portal keeps its own).
if sp_ec_key .data/document-signing-key.pem; then export Documents__SigningKeyPath="$PWD/.data/document-signing-key.pem"; fi
# Data Protection keys (sessions, antiforgery tokens, account links) are stored in PostgreSQL encrypted
# with a certificate drawn once for this machine and kept under .data/, as on a server (without
# openssl they are stored unencrypted, which only Development allows).
sp_dataprotection_certificate .data
# Audit checkpoints (the chain's head, signed every 10 minutes) get a key of their own, also outside
# the database, and go to .data/audit-checkpoints/.
if sp_ec_key .data/audit-checkpoint-key.pem; then export Audit__CheckpointKeyPath="$PWD/.data/audit-checkpoint-key.pem"; fi
export Audit__CheckpointDirectory="$PWD/.data/audit-checkpoints"
# Payments go through the built-in sandbox (no real money): its callbacks are signed with a secret
# drawn once for this machine and kept under .data/.
export Payments__Sandbox__Enabled=true
export Payments__Sandbox__Secret=${Payments__Sandbox__Secret:-$(sp_secret .data/sandbox-secret)}
# SMS and USSD from basic phones: the aggregator signs its posts with this secret (the simulator at
# /dev/telephone signs with it too).
export Telephony__Secret=${Telephony__Secret:-$(sp_secret .data/telephony-secret)}
export Portal__PublicUrl=${Portal__PublicUrl:-http://localhost:$PORT}
export Serilog__WriteTo__1__Name=File Serilog__WriteTo__1__Args__path="$PWD/.data/logs/portal-.log" \
       Serilog__WriteTo__1__Args__rollingInterval=Day Serilog__WriteTo__1__Args__retainedFileCountLimit=14

sp_log "ServicePublic: http://localhost:$PORT   (logs: .data/logs/, Ctrl-C to stop)"
# In the background so that Ctrl-C or a TERM reaches our trap at once: it stops the portal
# gracefully, then PostgreSQL.
trap 'exit 130' INT TERM
dotnet src/ServicePublic.Web/bin/Release/net10.0/ServicePublic.Web.dll --contentRoot "$PWD/src/ServicePublic.Web" &
SP_APP_PID=$!
wait "$SP_APP_PID"
