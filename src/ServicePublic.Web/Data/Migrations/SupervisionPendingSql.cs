namespace ServicePublic.Web.Data.Migrations;

/// <summary>
/// The daily counters without a hot row (issue 13's mixed load). The triggers used to add each
/// filing, payment and decision to its procedure's row of the day in <c>supervision_daily</c>; that
/// row stayed locked until the transaction committed, so every filing of a popular procedure
/// waited for the one before it (167 ms a bump on average under 200 users). Now each change is one
/// row of its own in <c>supervision_daily_pending</c>, which nothing else locks; a background job
/// (<c>Features/Supervision/SupervisionFolding.cs</c>, <c>supervision_fold</c>) adds them into
/// <c>supervision_daily</c> a batch at a time, and readers read <c>supervision_daily_now</c>, the
/// two summed, so figures are exact at once, folded or not.
/// </summary>
public static class SupervisionPendingSql
{
    public const string Up = """
        CREATE TABLE supervision_daily_pending (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            procedure_id integer NOT NULL,
            day date NOT NULL,
            filed integer NOT NULL DEFAULT 0,
            decided integer NOT NULL DEFAULT 0,
            approved integer NOT NULL DEFAULT 0,
            withdrawn integer NOT NULL DEFAULT 0,
            decided_with_target integer NOT NULL DEFAULT 0,
            decided_within_target integer NOT NULL DEFAULT 0,
            decided_after_correction integer NOT NULL DEFAULT 0,
            collected_xof bigint NOT NULL DEFAULT 0
        );

        CREATE OR REPLACE FUNCTION supervision_bump(p_procedure integer, p_day date, p_filed integer DEFAULT 0, p_decided integer DEFAULT 0,
            p_approved integer DEFAULT 0, p_withdrawn integer DEFAULT 0, p_with_target integer DEFAULT 0,
            p_within_target integer DEFAULT 0, p_after_correction integer DEFAULT 0, p_collected bigint DEFAULT 0) RETURNS void
        LANGUAGE sql AS $$
            INSERT INTO supervision_daily_pending (procedure_id, day, filed, decided, approved, withdrawn, decided_with_target,
                decided_within_target, decided_after_correction, collected_xof)
            VALUES (p_procedure, p_day, p_filed, p_decided, p_approved, p_withdrawn, p_with_target, p_within_target, p_after_correction, p_collected)
        $$;

        CREATE VIEW supervision_daily_now AS
            SELECT procedure_id, day,
                sum(filed)::integer AS filed, sum(decided)::integer AS decided, sum(approved)::integer AS approved,
                sum(withdrawn)::integer AS withdrawn, sum(decided_with_target)::integer AS decided_with_target,
                sum(decided_within_target)::integer AS decided_within_target,
                sum(decided_after_correction)::integer AS decided_after_correction, sum(collected_xof)::bigint AS collected_xof
            FROM (
                SELECT procedure_id, day, filed, decided, approved, withdrawn, decided_with_target, decided_within_target,
                    decided_after_correction, collected_xof
                FROM supervision_daily
                UNION ALL
                SELECT procedure_id, day, filed, decided, approved, withdrawn, decided_with_target, decided_within_target,
                    decided_after_correction, collected_xof
                FROM supervision_daily_pending
            ) counts
            GROUP BY procedure_id, day;

        -- Adds up to p_limit pending rows into supervision_daily in one statement (moved and added
        -- together, so a reader of supervision_daily_now never counts a row twice or not at all);
        -- rows another node is folding are skipped; rows of a procedure deleted since are dropped.
        CREATE FUNCTION supervision_fold(p_limit integer) RETURNS integer LANGUAGE sql AS $$
            WITH moved AS (
                DELETE FROM supervision_daily_pending
                WHERE id IN (SELECT id FROM supervision_daily_pending ORDER BY id LIMIT p_limit FOR UPDATE SKIP LOCKED)
                RETURNING procedure_id, day, filed, decided, approved, withdrawn, decided_with_target, decided_within_target,
                    decided_after_correction, collected_xof
            ), added AS (
                INSERT INTO supervision_daily AS s (procedure_id, day, filed, decided, approved, withdrawn, decided_with_target,
                    decided_within_target, decided_after_correction, collected_xof)
                SELECT procedure_id, day, sum(filed), sum(decided), sum(approved), sum(withdrawn), sum(decided_with_target),
                    sum(decided_within_target), sum(decided_after_correction), sum(collected_xof)
                FROM moved
                WHERE EXISTS (SELECT 1 FROM procedures p WHERE p.id = moved.procedure_id)
                GROUP BY procedure_id, day
                ORDER BY procedure_id, day
                ON CONFLICT (procedure_id, day) DO UPDATE SET
                    filed = s.filed + EXCLUDED.filed,
                    decided = s.decided + EXCLUDED.decided,
                    approved = s.approved + EXCLUDED.approved,
                    withdrawn = s.withdrawn + EXCLUDED.withdrawn,
                    decided_with_target = s.decided_with_target + EXCLUDED.decided_with_target,
                    decided_within_target = s.decided_within_target + EXCLUDED.decided_within_target,
                    decided_after_correction = s.decided_after_correction + EXCLUDED.decided_after_correction,
                    collected_xof = s.collected_xof + EXCLUDED.collected_xof
                RETURNING 1
            )
            SELECT count(*)::integer FROM moved
        $$;

        -- A rebuild recomputes supervision_daily from the requests: what is pending is in it already.
        ALTER FUNCTION supervision_rebuild() RENAME TO supervision_rebuild_rollups;
        CREATE FUNCTION supervision_rebuild() RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
            TRUNCATE supervision_daily_pending;
            PERFORM supervision_rebuild_rollups();
        END $$;
        """;

    public const string Down = """
        SELECT supervision_fold(2147483647);
        DROP FUNCTION supervision_rebuild();
        ALTER FUNCTION supervision_rebuild_rollups() RENAME TO supervision_rebuild;
        DROP FUNCTION supervision_fold(integer);
        DROP VIEW supervision_daily_now;
        CREATE OR REPLACE FUNCTION supervision_bump(p_procedure integer, p_day date, p_filed integer DEFAULT 0, p_decided integer DEFAULT 0,
            p_approved integer DEFAULT 0, p_withdrawn integer DEFAULT 0, p_with_target integer DEFAULT 0,
            p_within_target integer DEFAULT 0, p_after_correction integer DEFAULT 0, p_collected bigint DEFAULT 0) RETURNS void
        LANGUAGE sql AS $$
            INSERT INTO supervision_daily AS s (procedure_id, day, filed, decided, approved, withdrawn, decided_with_target,
                decided_within_target, decided_after_correction, collected_xof)
            VALUES (p_procedure, p_day, p_filed, p_decided, p_approved, p_withdrawn, p_with_target, p_within_target, p_after_correction, p_collected)
            ON CONFLICT (procedure_id, day) DO UPDATE SET
                filed = s.filed + EXCLUDED.filed,
                decided = s.decided + EXCLUDED.decided,
                approved = s.approved + EXCLUDED.approved,
                withdrawn = s.withdrawn + EXCLUDED.withdrawn,
                decided_with_target = s.decided_with_target + EXCLUDED.decided_with_target,
                decided_within_target = s.decided_within_target + EXCLUDED.decided_within_target,
                decided_after_correction = s.decided_after_correction + EXCLUDED.decided_after_correction,
                collected_xof = s.collected_xof + EXCLUDED.collected_xof
        $$;
        DROP TABLE supervision_daily_pending;
        """;
}
