namespace ServicePublic.Web.Data.Migrations;

/// <summary>
/// The supervision room's rollups, kept by PostgreSQL itself in the transaction that changes a
/// request or a payment, so every figure stays exact without scanning requests per page view:
/// <list type="bullet">
/// <item><c>supervision_daily</c>: per procedure and day (Lomé, UTC+0), requests filed, decided,
/// approved, withdrawn, decided within their target, decided after a correction, money collected;</item>
/// <item><c>supervision_durations</c>: per procedure, day of decision and whole days started, how many
/// decisions took that long with the administration (measure A) or waited that long for the
/// applicant (measure W): exact percentiles without reading the requests;</item>
/// <item><c>supervision_activity</c>: one row per state change (filing, payment, take, review,
/// correction, decision, withdrawal), numbered: the room's feed and its sequence;</item>
/// <item>a <c>NOTIFY supervision</c> with the row's number, ministry, office and procedure, delivered to
/// every node's listener when the change commits.</item>
/// </list>
/// <c>supervision_rebuild()</c> recomputes both rollups from the requests and payments (after a bulk
/// load, and in tests to check the triggers against).
/// </summary>
public static class SupervisionSql
{
    public const string Channel = "supervision";

    public const string Create = """
        CREATE FUNCTION supervision_day(at timestamptz) RETURNS date
            LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT (at AT TIME ZONE 'Africa/Lome')::date $$;

        CREATE FUNCTION supervision_days(duration interval) RETURNS integer
            LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT greatest(0, ceil(extract(epoch FROM duration) / 86400))::integer $$;

        CREATE TABLE supervision_daily (
            procedure_id integer NOT NULL REFERENCES procedures (id) ON DELETE CASCADE,
            day date NOT NULL,
            filed integer NOT NULL DEFAULT 0,
            decided integer NOT NULL DEFAULT 0,
            approved integer NOT NULL DEFAULT 0,
            withdrawn integer NOT NULL DEFAULT 0,
            decided_with_target integer NOT NULL DEFAULT 0,
            decided_within_target integer NOT NULL DEFAULT 0,
            decided_after_correction integer NOT NULL DEFAULT 0,
            collected_xof bigint NOT NULL DEFAULT 0,
            PRIMARY KEY (procedure_id, day)
        );
        CREATE INDEX ix_supervision_daily_day ON supervision_daily (day);

        CREATE TABLE supervision_durations (
            procedure_id integer NOT NULL REFERENCES procedures (id) ON DELETE CASCADE,
            day date NOT NULL,
            measure character(1) NOT NULL CHECK (measure IN ('A', 'W')),
            days integer NOT NULL CHECK (days >= 0),
            requests integer NOT NULL DEFAULT 0,
            PRIMARY KEY (procedure_id, day, measure, days)
        );
        CREATE INDEX ix_supervision_durations_day ON supervision_durations (day);

        CREATE TABLE supervision_activity (
            id bigserial PRIMARY KEY,
            at timestamptz NOT NULL,
            ministry_id integer NOT NULL,
            office_id integer,
            procedure_id integer NOT NULL,
            request_id uuid NOT NULL,
            tracking_number character varying(20),
            kind character varying(20) NOT NULL,
            status character varying(20) NOT NULL
        );
        CREATE INDEX ix_supervision_activity_ministry ON supervision_activity (ministry_id, id DESC);

        -- The backlog (open requests) and the recent decisions, read by the room without touching the rest.
        CREATE INDEX ix_requests_open ON requests (procedure_version_id)
            INCLUDE (status, submitted_at, due_at, assigned_clerk_id, awaiting_applicant_since, time_with_applicant)
            WHERE status IN ('AwaitingPayment', 'Submitted', 'InReview', 'AwaitingApplicant');
        CREATE INDEX ix_requests_decided_at ON requests (decided_at)
            INCLUDE (procedure_version_id, decided_by_id, status) WHERE decided_at IS NOT NULL;
        CREATE INDEX ix_requests_filed_at ON requests (filed_at) INCLUDE (procedure_version_id) WHERE filed_at IS NOT NULL;

        CREATE FUNCTION supervision_bump(p_procedure integer, p_day date, p_filed integer DEFAULT 0, p_decided integer DEFAULT 0,
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

        CREATE FUNCTION supervision_count_duration(p_procedure integer, p_day date, p_measure character, p_days integer) RETURNS void
        LANGUAGE sql AS $$
            INSERT INTO supervision_durations AS d (procedure_id, day, measure, days, requests)
            VALUES (p_procedure, p_day, p_measure, p_days, 1)
            ON CONFLICT (procedure_id, day, measure, days) DO UPDATE SET requests = d.requests + 1
        $$;

        CREATE FUNCTION supervision_on_request() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            old_status text := CASE WHEN TG_OP = 'INSERT' THEN 'Draft' ELSE OLD.status END;
            v_procedure integer;
            v_ministry integer;
            v_office integer;
            v_kind text;
            v_seq bigint;
            v_day date;
        BEGIN
            -- Drafts are nobody's business but the applicant's, even when thrown away (never filed).
            IF NEW.status = 'Draft' OR (NEW.status = 'Withdrawn' AND NEW.filed_at IS NULL) THEN
                RETURN NULL;
            END IF;
            IF NEW.status = old_status AND NEW.assigned_clerk_id IS NOT DISTINCT FROM OLD.assigned_clerk_id THEN
                RETURN NULL;
            END IF;
            SELECT p.id, p.ministry_id, p.office_id INTO v_procedure, v_ministry, v_office
            FROM procedure_versions v JOIN procedures p ON p.id = v.procedure_id
            WHERE v.id = NEW.procedure_version_id;

            IF NEW.status <> old_status THEN
                IF old_status = 'Draft' THEN
                    PERFORM supervision_bump(v_procedure, supervision_day(coalesce(NEW.filed_at, NEW.updated_at)), p_filed => 1);
                END IF;
                IF NEW.status IN ('Approved', 'Rejected') THEN
                    v_day := supervision_day(NEW.decided_at);
                    PERFORM supervision_bump(v_procedure, v_day, p_decided => 1,
                        p_approved => (NEW.status = 'Approved')::integer,
                        p_with_target => (NEW.due_at IS NOT NULL)::integer,
                        p_within_target => (NEW.due_at IS NOT NULL AND NEW.decided_at <= NEW.due_at)::integer,
                        p_after_correction => (NEW.time_with_applicant > interval '0')::integer);
                    PERFORM supervision_count_duration(v_procedure, v_day, 'A',
                        supervision_days(NEW.decided_at - coalesce(NEW.submitted_at, NEW.decided_at) - NEW.time_with_applicant));
                    IF NEW.time_with_applicant > interval '0' THEN
                        PERFORM supervision_count_duration(v_procedure, v_day, 'W', supervision_days(NEW.time_with_applicant));
                    END IF;
                ELSIF NEW.status = 'Withdrawn' THEN
                    PERFORM supervision_bump(v_procedure, supervision_day(coalesce(NEW.decided_at, NEW.updated_at)), p_withdrawn => 1);
                END IF;
                v_kind := CASE
                    WHEN old_status = 'Draft' THEN 'filed'
                    WHEN old_status = 'AwaitingPayment' AND NEW.status = 'Submitted' THEN 'paid'
                    WHEN old_status = 'AwaitingApplicant' AND NEW.status = 'InReview' THEN 'corrected'
                    WHEN NEW.status = 'InReview' THEN 'review'
                    WHEN NEW.status = 'AwaitingApplicant' THEN 'correction'
                    WHEN NEW.status = 'Approved' THEN 'approved'
                    WHEN NEW.status = 'Rejected' THEN 'rejected'
                    ELSE 'withdrawn' END;
            ELSE
                v_kind := CASE WHEN NEW.assigned_clerk_id IS NULL THEN 'released' ELSE 'taken' END;
            END IF;

            INSERT INTO supervision_activity (at, ministry_id, office_id, procedure_id, request_id, tracking_number, kind, status)
            VALUES (NEW.updated_at, v_ministry, v_office, v_procedure, NEW.id, NEW.tracking_number, v_kind, NEW.status)
            RETURNING id INTO v_seq;
            PERFORM pg_notify('supervision', json_build_object(
                'seq', v_seq, 'ministry', v_ministry, 'office', v_office, 'procedure', v_procedure, 'kind', v_kind)::text);
            RETURN NULL;
        END $$;

        CREATE TRIGGER supervision_request_changed
            AFTER INSERT OR UPDATE OF status, assigned_clerk_id ON requests
            FOR EACH ROW EXECUTE FUNCTION supervision_on_request();

        CREATE FUNCTION supervision_on_payment() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            v_procedure integer;
        BEGIN
            IF NEW.status = 'Succeeded' AND (TG_OP = 'INSERT' OR OLD.status <> 'Succeeded') THEN
                SELECT v.procedure_id INTO v_procedure
                FROM requests r JOIN procedure_versions v ON v.id = r.procedure_version_id
                WHERE r.id = NEW.request_id;
                PERFORM supervision_bump(v_procedure, supervision_day(coalesce(NEW.completed_at, NEW.updated_at)), p_collected => NEW.amount);
            END IF;
            RETURN NULL;
        END $$;

        CREATE TRIGGER supervision_payment_changed
            AFTER INSERT OR UPDATE OF status ON payments
            FOR EACH ROW EXECUTE FUNCTION supervision_on_payment();

        CREATE FUNCTION supervision_rebuild() RETURNS void LANGUAGE sql AS $$
            TRUNCATE supervision_daily, supervision_durations;
            INSERT INTO supervision_daily (procedure_id, day, filed, decided, approved, withdrawn, decided_with_target,
                decided_within_target, decided_after_correction, collected_xof)
            SELECT procedure_id, day, sum(filed), sum(decided), sum(approved), sum(withdrawn), sum(with_target),
                sum(within_target), sum(after_correction), sum(collected)
            FROM (
                SELECT v.procedure_id, supervision_day(r.filed_at) AS day, 1 AS filed, 0 AS decided, 0 AS approved, 0 AS withdrawn,
                    0 AS with_target, 0 AS within_target, 0 AS after_correction, 0::bigint AS collected
                FROM requests r JOIN procedure_versions v ON v.id = r.procedure_version_id
                WHERE r.filed_at IS NOT NULL AND r.status <> 'Draft'
                UNION ALL
                SELECT v.procedure_id, supervision_day(r.decided_at), 0, 1, (r.status = 'Approved')::integer, 0,
                    (r.due_at IS NOT NULL)::integer, (r.due_at IS NOT NULL AND r.decided_at <= r.due_at)::integer,
                    (r.time_with_applicant > interval '0')::integer, 0
                FROM requests r JOIN procedure_versions v ON v.id = r.procedure_version_id
                WHERE r.status IN ('Approved', 'Rejected')
                UNION ALL
                SELECT v.procedure_id, supervision_day(coalesce(r.decided_at, r.updated_at)), 0, 0, 0, 1, 0, 0, 0, 0
                FROM requests r JOIN procedure_versions v ON v.id = r.procedure_version_id
                WHERE r.status = 'Withdrawn' AND r.filed_at IS NOT NULL
                UNION ALL
                SELECT v.procedure_id, supervision_day(coalesce(p.completed_at, p.updated_at)), 0, 0, 0, 0, 0, 0, 0, p.amount
                FROM payments p JOIN requests r ON r.id = p.request_id JOIN procedure_versions v ON v.id = r.procedure_version_id
                WHERE p.status IN ('Succeeded', 'Refunded')
            ) facts
            GROUP BY procedure_id, day;
            INSERT INTO supervision_durations (procedure_id, day, measure, days, requests)
            SELECT procedure_id, day, measure, days, count(*)
            FROM (
                SELECT v.procedure_id, supervision_day(r.decided_at) AS day, 'A' AS measure,
                    supervision_days(r.decided_at - coalesce(r.submitted_at, r.decided_at) - r.time_with_applicant) AS days
                FROM requests r JOIN procedure_versions v ON v.id = r.procedure_version_id
                WHERE r.status IN ('Approved', 'Rejected')
                UNION ALL
                SELECT v.procedure_id, supervision_day(r.decided_at), 'W', supervision_days(r.time_with_applicant)
                FROM requests r JOIN procedure_versions v ON v.id = r.procedure_version_id
                WHERE r.status IN ('Approved', 'Rejected') AND r.time_with_applicant > interval '0'
            ) durations
            GROUP BY procedure_id, day, measure, days;
        $$;

        -- Requests filed before this migration: their clock, from their events.
        UPDATE requests r SET
            filed_at = (SELECT min(e.at) FROM request_events e
                WHERE e.request_id = r.id AND e."from" = 'Draft' AND e."to" IN ('AwaitingPayment', 'Submitted')),
            decided_at = (SELECT min(e.at) FROM request_events e
                WHERE e.request_id = r.id AND e."to" IN ('Approved', 'Rejected', 'Withdrawn')),
            decided_by_id = (SELECT e.actor_id FROM request_events e
                WHERE e.request_id = r.id AND e."to" IN ('Approved', 'Rejected') ORDER BY e.at LIMIT 1),
            awaiting_applicant_since = CASE WHEN r.status = 'AwaitingApplicant' THEN (SELECT max(e.at) FROM request_events e
                WHERE e.request_id = r.id AND e."to" = 'AwaitingApplicant') END,
            time_with_applicant = coalesce((SELECT sum(next.at - e.at) FROM request_events e
                CROSS JOIN LATERAL (SELECT n.at FROM request_events n
                    WHERE n.request_id = e.request_id AND n."from" = 'AwaitingApplicant' AND n.at >= e.at ORDER BY n.at LIMIT 1) next
                WHERE e.request_id = r.id AND e."to" = 'AwaitingApplicant'), interval '0')
        WHERE r.status <> 'Draft';
        UPDATE requests SET due_at = due_at + time_with_applicant WHERE due_at IS NOT NULL AND time_with_applicant > interval '0';
        SELECT supervision_rebuild();
        """;

    public const string Drop = """
        DROP TRIGGER supervision_payment_changed ON payments;
        DROP TRIGGER supervision_request_changed ON requests;
        DROP FUNCTION supervision_rebuild();
        DROP FUNCTION supervision_on_payment();
        DROP FUNCTION supervision_on_request();
        DROP FUNCTION supervision_count_duration(integer, date, character, integer);
        DROP FUNCTION supervision_bump(integer, date, integer, integer, integer, integer, integer, integer, integer, bigint);
        DROP INDEX ix_requests_filed_at;
        DROP INDEX ix_requests_decided_at;
        DROP INDEX ix_requests_open;
        DROP TABLE supervision_activity;
        DROP TABLE supervision_durations;
        DROP TABLE supervision_daily;
        DROP FUNCTION supervision_days(interval);
        DROP FUNCTION supervision_day(timestamptz);
        """;
}
