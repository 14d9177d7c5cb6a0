-- What bench/generate.sql made: rows, shape and sizes (printed by bench/run.sh generate).
\pset footer off
\echo
\echo 'Rows and sizes (table + indexes + TOAST)'
SELECT c.relname AS "table", to_char(c.reltuples::bigint, 'FM999G999G999') AS "rows (estimate)",
    pg_size_pretty(pg_total_relation_size(c.oid)) AS "total", pg_size_pretty(pg_relation_size(c.oid)) AS "heap",
    pg_size_pretty(pg_indexes_size(c.oid)) AS "indexes"
FROM pg_class c
WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
  AND c.relname IN ('requests', 'request_events', 'payments', 'AspNetUsers', 'AspNetUserRoles',
                    'supervision_daily', 'supervision_durations', 'supervision_activity')
ORDER BY pg_total_relation_size(c.oid) DESC;
SELECT pg_size_pretty(pg_database_size(current_database())) AS "database size";

\echo 'Requests filed per year'
SELECT extract(year FROM filed_at)::integer AS year, to_char(count(*), 'FM999G999G999') AS filed,
    to_char(count(*) FILTER (WHERE status IN ('Approved', 'Rejected')), 'FM999G999G999') AS decided,
    round(100.0 * count(*) FILTER (WHERE decided_at <= due_at) / nullif(count(*) FILTER (WHERE status IN ('Approved', 'Rejected') AND due_at IS NOT NULL), 0), 1) AS "% within target"
FROM requests GROUP BY 1 ORDER BY 1;

\echo 'Requests by status'
SELECT status, to_char(count(*), 'FM999G999G999') AS requests, round(100.0 * count(*) / sum(count(*)) OVER (), 2) AS "%",
    to_char(count(*) FILTER (WHERE due_at < now() AND status IN ('AwaitingPayment', 'Submitted', 'InReview')), 'FM999G999G999') AS overdue
FROM requests GROUP BY 1 ORDER BY count(*) DESC;

\echo 'Corrections, payments, clerks'
SELECT to_char(count(*) FILTER (WHERE time_with_applicant > interval '0' OR awaiting_applicant_since IS NOT NULL), 'FM999G999G999') AS "with a correction",
    (SELECT to_char(count(*), 'FM999G999G999') FROM (SELECT request_id FROM request_events WHERE "to" = 'AwaitingApplicant'
        GROUP BY request_id HAVING count(*) = 2) two) AS "with two",
    (SELECT to_char(count(*), 'FM999G999G999') || ' / ' || to_char(sum(amount), 'FM999G999G999G999') || ' XOF' FROM payments WHERE status = 'Succeeded') AS "payments succeeded",
    (SELECT count(DISTINCT assigned_clerk_id) FROM requests) AS clerks
FROM requests;
