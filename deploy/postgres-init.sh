#!/usr/bin/env bash
# The portal's two roles in docker-compose.yml's database (deploy/database-roles.sql): run by the
# postgres image when it initialises an empty volume. For a volume initialised before the roles
# existed, run it once by hand (it also hands that database to the owner):
#   docker compose exec db bash /docker-entrypoint-initdb.d/10-servicepublic-roles.sh
# The image may source this file rather than run it: no exit, no change of shell options.
psql -X -q -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v db="${POSTGRES_DB:-$POSTGRES_USER}" \
  -v owner=servicepublic_owner -v owner_password="$POSTGRES_OWNER_PASSWORD" \
  -v portal=servicepublic_portal -v portal_password="$POSTGRES_PORTAL_PASSWORD" \
  -f /etc/servicepublic/database-roles.sql >/dev/null
