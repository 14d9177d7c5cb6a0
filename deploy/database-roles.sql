-- The portal's database and its two roles, run by a superuser with psql (run.sh, the benchmarks,
-- and docker-compose.yml's database container at its first start; safe to run again):
--   psql -v ON_ERROR_STOP=1 -v db=servicepublic -v owner=servicepublic_owner -v owner_password=… \
--        -v portal=servicepublic_portal -v portal_password=… -d postgres -f deploy/database-roles.sql
--
-- :owner owns the database and everything in it: the portal's migrations run as it
-- (ConnectionStrings:Migrations). :portal is the portal at run time (ConnectionStrings:Default):
-- it owns nothing, and the owner grants it, after each migration, rows of the tables and no more
-- (src/ServicePublic.Web/Data/DatabaseRoles.cs). Neither is a superuser.

SELECT format('CREATE ROLE %I', :'owner') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'owner') \gexec
SELECT format('CREATE ROLE %I', :'portal') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'portal') \gexec
ALTER ROLE :"owner" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'owner_password';
ALTER ROLE :"portal" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'portal_password';

SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'owner') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
ALTER DATABASE :"db" OWNER TO :"owner";

\connect :"db"
-- PostgreSQL 14 and older let every role create objects in schema public.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- A database made before the two roles (by an earlier run.sh or docker-compose.yml) belongs to
-- the superuser: its tables, sequences, views, functions and text search configurations go to
-- the owner (extensions' objects stay with the extension).
SELECT set_config('servicepublic.owner', :'owner', false);
DO $$
DECLARE
    owner text := current_setting('servicepublic.owner');
    item record;
BEGIN
    FOR item IN
        SELECT format('ALTER %s %s OWNER TO %I',
                   CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
                   c.oid::regclass, owner) AS sql
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
          AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = owner)
          -- a sequence of a column moves with its table; an extension's objects stay its own
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i', 'e'))
        UNION ALL
        SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, owner)
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' AND p.proowner <> (SELECT oid FROM pg_roles WHERE rolname = owner)
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
        UNION ALL
        SELECT format('ALTER TEXT SEARCH CONFIGURATION %s OWNER TO %I', t.oid::regconfig, owner)
        FROM pg_ts_config t JOIN pg_namespace n ON n.oid = t.cfgnamespace
        WHERE n.nspname = 'public' AND t.cfgowner <> (SELECT oid FROM pg_roles WHERE rolname = owner)
    LOOP
        EXECUTE item.sql;
    END LOOP;
END $$;
