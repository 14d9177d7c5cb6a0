-- Checks a sample (about 1 %) of the generated requests against their events, the way
-- RequestClock.FromEvents reads them: status = the last event's, clock start = first move to
-- Submitted, decision = first decided status, time awaiting the applicant = closed waits, due date =
-- clock start + target + closed waits, clerk = who took it, decider = who approved or rejected; and
-- a succeeded payment exactly when the request went from AwaitingPayment to Submitted.
-- Fails (ON_ERROR_STOP) when any sampled request disagrees.
\pset footer off
CREATE TEMP TABLE check_sample AS
SELECT r.*, coalesce(v.processing_time_max_days, v.processing_time_min_days, p.target_delay_days) AS target
FROM requests r TABLESAMPLE SYSTEM (1) REPEATABLE (11)
JOIN procedure_versions v ON v.id = r.procedure_version_id JOIN procedures p ON p.id = v.procedure_id;

CREATE TEMP TABLE check_events AS
SELECT e.*, lead(e.at) OVER (PARTITION BY e.request_id ORDER BY e.at, e.id) AS next_at,
    row_number() OVER (PARTITION BY e.request_id ORDER BY e.at DESC, e.id DESC) AS from_last
FROM check_sample s JOIN request_events e ON e.request_id = s.id;

CREATE TEMP TABLE check_result AS
SELECT s.tracking_number,
    s.status IS DISTINCT FROM c.last_to AS bad_status,
    s.filed_at IS DISTINCT FROM c.filed AS bad_filed,
    s.submitted_at IS DISTINCT FROM c.started AS bad_started,
    s.decided_at IS DISTINCT FROM c.decided AS bad_decided,
    s.time_with_applicant IS DISTINCT FROM c.waited AS bad_waited,
    s.awaiting_applicant_since IS DISTINCT FROM c.waiting_since AS bad_waiting,
    s.due_at IS DISTINCT FROM c.started + s.target * interval '1 day' + c.waited AS bad_due,
    s.assigned_clerk_id IS DISTINCT FROM c.taker AS bad_clerk,
    s.decided_by_id IS DISTINCT FROM c.decider AS bad_decider,
    coalesce(pay.succeeded, 0) <> c.paid::integer AS bad_payment
FROM check_sample s
LEFT JOIN (SELECT request_id, count(*) AS succeeded FROM payments
           WHERE status = 'Succeeded' AND request_id IN (SELECT id FROM check_sample) GROUP BY request_id) pay ON pay.request_id = s.id
JOIN (
    SELECT request_id,
        max("to") FILTER (WHERE from_last = 1) AS last_to,
        min(at) FILTER (WHERE "from" = 'Draft') AS filed,
        min(at) FILTER (WHERE "to" = 'Submitted') AS started,
        min(at) FILTER (WHERE "to" IN ('Approved', 'Rejected', 'Withdrawn')) AS decided,
        coalesce(sum(next_at - at) FILTER (WHERE "to" = 'AwaitingApplicant'), interval '0') AS waited,
        max(at) FILTER (WHERE from_last = 1 AND "to" = 'AwaitingApplicant') AS waiting_since,
        max(actor_id) FILTER (WHERE "from" = 'Submitted' AND "to" = 'InReview') AS taker,
        max(actor_id) FILTER (WHERE "to" IN ('Approved', 'Rejected')) AS decider,
        bool_or("from" = 'AwaitingPayment' AND "to" = 'Submitted') AS paid
    FROM check_events GROUP BY request_id
) c ON c.request_id = s.id;

SELECT count(*) AS "sampled requests",
    count(*) FILTER (WHERE bad_status OR bad_filed OR bad_started OR bad_decided OR bad_waited OR bad_waiting
        OR bad_due OR bad_clerk OR bad_decider OR bad_payment) AS "disagree with their events"
FROM check_result;
SELECT * FROM check_result
WHERE bad_status OR bad_filed OR bad_started OR bad_decided OR bad_waited OR bad_waiting OR bad_due OR bad_clerk
   OR bad_decider OR bad_payment
LIMIT 5;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM check_result WHERE bad_status OR bad_filed OR bad_started OR bad_decided OR bad_waited
               OR bad_waiting OR bad_due OR bad_clerk OR bad_decider OR bad_payment) THEN
        RAISE EXCEPTION 'Generated requests disagree with their events (see above).';
    END IF;
    IF (SELECT count(*) FROM check_result) <> (SELECT count(*) FROM check_sample) THEN
        RAISE EXCEPTION 'Some sampled requests have no events.';
    END IF;
END $$;
