namespace ServicePublic.Web.Data.Migrations;

/// <summary>
/// The decisions' durations without a hot row, as the daily counts before them
/// (<see cref="SupervisionPendingSql"/>). Each decision added one to its procedure's row of the day
/// for its number of days in <c>supervision_durations</c> and kept that row locked until it
/// committed; decisions of one procedure on one day mostly share a number of days, so each waited
/// for the one before it (108 ms a decision under issue 13's mixed load). Now each is a row of its
/// own in <c>supervision_durations_pending</c>; the folding job adds them into
/// <c>supervision_durations</c> (<c>supervision_durations_fold</c>), and readers sum
/// <c>supervision_durations_now</c>, the rows of both, exact at once.
/// </summary>
public static class SupervisionDurationsPendingSql
{
    public const string Up = """
        CREATE TABLE supervision_durations_pending (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            procedure_id integer NOT NULL,
            day date NOT NULL,
            measure character(1) NOT NULL,
            days integer NOT NULL,
            requests integer NOT NULL DEFAULT 1
        );

        CREATE OR REPLACE FUNCTION supervision_count_duration(p_procedure integer, p_day date, p_measure character, p_days integer) RETURNS void
        LANGUAGE sql AS $$
            INSERT INTO supervision_durations_pending (procedure_id, day, measure, days) VALUES (p_procedure, p_day, p_measure, p_days)
        $$;

        -- Not grouped: a key may stand on two rows (folded, pending), and every reader sums anyway.
        -- Grouped here, the 12 months of the statistics page took 3.9 s instead of 0.8 s: the view
        -- aggregated 1.8 million rows by their four columns before the page's own aggregate.
        CREATE VIEW supervision_durations_now AS
            SELECT procedure_id, day, measure, days, requests FROM supervision_durations
            UNION ALL
            SELECT procedure_id, day, measure, days, requests FROM supervision_durations_pending;

        -- As supervision_fold: moved and added in one statement, rows another node is folding
        -- skipped, rows of a procedure deleted since dropped.
        CREATE FUNCTION supervision_durations_fold(p_limit integer) RETURNS integer LANGUAGE sql AS $$
            WITH moved AS (
                DELETE FROM supervision_durations_pending
                WHERE id IN (SELECT id FROM supervision_durations_pending ORDER BY id LIMIT p_limit FOR UPDATE SKIP LOCKED)
                RETURNING procedure_id, day, measure, days, requests
            ), added AS (
                INSERT INTO supervision_durations AS d (procedure_id, day, measure, days, requests)
                SELECT procedure_id, day, measure, days, sum(requests)
                FROM moved
                WHERE EXISTS (SELECT 1 FROM procedures p WHERE p.id = moved.procedure_id)
                GROUP BY procedure_id, day, measure, days
                ORDER BY procedure_id, day, measure, days
                ON CONFLICT (procedure_id, day, measure, days) DO UPDATE SET requests = d.requests + EXCLUDED.requests
                RETURNING 1
            )
            SELECT count(*)::integer FROM moved
        $$;

        CREATE OR REPLACE FUNCTION supervision_rebuild() RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
            TRUNCATE supervision_daily_pending, supervision_durations_pending;
            PERFORM supervision_rebuild_rollups();
            PERFORM request_status_recount();
        END $$;
        """;

    public const string Down = """
        SELECT supervision_durations_fold(2147483647);
        CREATE OR REPLACE FUNCTION supervision_rebuild() RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
            TRUNCATE supervision_daily_pending;
            PERFORM supervision_rebuild_rollups();
            PERFORM request_status_recount();
        END $$;
        DROP FUNCTION supervision_durations_fold(integer);
        DROP VIEW supervision_durations_now;
        CREATE OR REPLACE FUNCTION supervision_count_duration(p_procedure integer, p_day date, p_measure character, p_days integer) RETURNS void
        LANGUAGE sql AS $$
            INSERT INTO supervision_durations AS d (procedure_id, day, measure, days, requests)
            VALUES (p_procedure, p_day, p_measure, p_days, 1)
            ON CONFLICT (procedure_id, day, measure, days) DO UPDATE SET requests = d.requests + 1
        $$;
        DROP TABLE supervision_durations_pending;
        """;
}
