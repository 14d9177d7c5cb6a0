namespace ServicePublic.Web.Data.Migrations;

/// <summary>
/// How many requests each procedure version has in each status, kept as requests change, for the
/// clerks' queue (its count beside each status). Counting them on each view read every request of
/// the place: 100–124 ms a page for a ministry of 300 000 requests under issue 13's mixed load,
/// the database's largest cost. Triggers write each change as a row of its own in
/// <c>request_status_counts_pending</c> (+1 for the new status, −1 for the old), which nothing else
/// locks, so two clerks deciding at once never wait for each other; the folding job adds them into
/// <c>request_status_counts</c> a batch at a time (<c>request_status_fold</c>, rows another node is
/// folding skipped), and readers read <c>request_status_counts_now</c>, the two summed: exact at once,
/// folded or not. <c>supervision_rebuild()</c> recounts them from the requests after a bulk load.
/// </summary>
public static class RequestStatusCountsSql
{
    public const string Up = """
        CREATE TABLE request_status_counts (
            procedure_version_id integer NOT NULL REFERENCES procedure_versions (id) ON DELETE CASCADE,
            status character varying(20) NOT NULL,
            requests integer NOT NULL,
            PRIMARY KEY (procedure_version_id, status)
        );
        CREATE TABLE request_status_counts_pending (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            procedure_version_id integer NOT NULL,
            status character varying(20) NOT NULL,
            requests integer NOT NULL
        );

        CREATE FUNCTION request_status_counted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                INSERT INTO request_status_counts_pending (procedure_version_id, status, requests)
                VALUES (OLD.procedure_version_id, OLD.status, -1);
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN
                INSERT INTO request_status_counts_pending (procedure_version_id, status, requests)
                VALUES (NEW.procedure_version_id, NEW.status, 1);
            END IF;
            RETURN NULL;
        END $$;
        CREATE TRIGGER request_status_counted_rows AFTER INSERT OR DELETE ON requests
            FOR EACH ROW EXECUTE FUNCTION request_status_counted();
        CREATE TRIGGER request_status_counted_changes AFTER UPDATE OF status, procedure_version_id ON requests
            FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.procedure_version_id IS DISTINCT FROM NEW.procedure_version_id)
            EXECUTE FUNCTION request_status_counted();

        CREATE FUNCTION request_status_emptied() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            TRUNCATE request_status_counts, request_status_counts_pending;
            RETURN NULL;
        END $$;
        CREATE TRIGGER request_status_emptied AFTER TRUNCATE ON requests
            FOR EACH STATEMENT EXECUTE FUNCTION request_status_emptied();

        CREATE VIEW request_status_counts_now AS
            SELECT procedure_version_id, status, sum(requests)::integer AS requests
            FROM (
                SELECT procedure_version_id, status, requests FROM request_status_counts
                UNION ALL
                SELECT procedure_version_id, status, requests FROM request_status_counts_pending
            ) counts
            GROUP BY procedure_version_id, status;

        -- As supervision_fold: moved and added in one statement, rows another node is folding skipped,
        -- rows of a version deleted since dropped.
        CREATE FUNCTION request_status_fold(p_limit integer) RETURNS integer LANGUAGE sql AS $$
            WITH moved AS (
                DELETE FROM request_status_counts_pending
                WHERE id IN (SELECT id FROM request_status_counts_pending ORDER BY id LIMIT p_limit FOR UPDATE SKIP LOCKED)
                RETURNING procedure_version_id, status, requests
            ), added AS (
                INSERT INTO request_status_counts AS c (procedure_version_id, status, requests)
                SELECT procedure_version_id, status, sum(requests)
                FROM moved
                WHERE EXISTS (SELECT 1 FROM procedure_versions v WHERE v.id = moved.procedure_version_id)
                GROUP BY procedure_version_id, status
                ORDER BY procedure_version_id, status
                ON CONFLICT (procedure_version_id, status) DO UPDATE SET requests = c.requests + EXCLUDED.requests
                RETURNING 1
            )
            SELECT count(*)::integer FROM moved
        $$;

        CREATE FUNCTION request_status_recount() RETURNS void LANGUAGE sql AS $$
            DELETE FROM request_status_counts_pending;
            DELETE FROM request_status_counts;
            INSERT INTO request_status_counts (procedure_version_id, status, requests)
            SELECT procedure_version_id, status, count(*) FROM requests GROUP BY procedure_version_id, status;
        $$;

        CREATE OR REPLACE FUNCTION supervision_rebuild() RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
            TRUNCATE supervision_daily_pending;
            PERFORM supervision_rebuild_rollups();
            PERFORM request_status_recount();
        END $$;

        -- The triggers above already hold requests against writers until this migration commits.
        SELECT request_status_recount();
        """;

    public const string Down = """
        CREATE OR REPLACE FUNCTION supervision_rebuild() RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
            TRUNCATE supervision_daily_pending;
            PERFORM supervision_rebuild_rollups();
        END $$;
        DROP FUNCTION request_status_recount();
        DROP FUNCTION request_status_fold(integer);
        DROP VIEW request_status_counts_now;
        DROP TRIGGER request_status_emptied ON requests;
        DROP FUNCTION request_status_emptied();
        DROP TRIGGER request_status_counted_changes ON requests;
        DROP TRIGGER request_status_counted_rows ON requests;
        DROP FUNCTION request_status_counted();
        DROP TABLE request_status_counts_pending;
        DROP TABLE request_status_counts;
        """;
}
