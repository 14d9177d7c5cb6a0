-- The kinds of queries the supervision room and the public statistics make, with their plans and
-- timings on the benchmark database (bench/run.sh queries): does any of them read more than its
-- scope? Each runs twice; the second (warm cache) is what a page view costs.
--   psql -v ministry=MDERM -f bench/queries.sql
\set QUIET on
\pset footer off
\pset pager off
\if :{?ministry}
\else
\set ministry MDERM
\endif
SELECT id AS ministry_id FROM ministries WHERE code = :'ministry' \gset
SELECT array_agg(id ORDER BY id) AS procedure_ids FROM procedures WHERE ministry_id = :ministry_id \gset
SELECT (now() AT TIME ZONE 'Africa/Lome')::date AS today \gset

\echo
\echo '== 1. Backlog of one ministry (open requests by procedure and state, overdue, ageing): ix_requests_open'
\set query 'SELECT v.procedure_id, count(*) FILTER (WHERE r.status = ''AwaitingPayment'') AS awaiting_payment, count(*) FILTER (WHERE r.status = ''Submitted'' AND r.assigned_clerk_id IS NULL) AS to_take, count(*) FILTER (WHERE r.status = ''InReview'') AS in_review, count(*) FILTER (WHERE r.status = ''AwaitingApplicant'') AS awaiting_applicant, count(*) FILTER (WHERE r.status <> ''AwaitingApplicant'' AND r.due_at < now()) AS overdue, count(*) FILTER (WHERE extract(epoch FROM coalesce(r.awaiting_applicant_since, now()) - r.submitted_at - r.time_with_applicant) > 0.8 * extract(epoch FROM r.due_at - r.submitted_at - r.time_with_applicant)) AS amber FROM requests r JOIN procedure_versions v ON v.id = r.procedure_version_id WHERE r.status IN (''AwaitingPayment'', ''Submitted'', ''InReview'', ''AwaitingApplicant'') AND v.procedure_id = ANY(:''procedure_ids'') GROUP BY v.procedure_id'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY OFF, TIMING OFF) :query;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) :query;

\echo
\echo '== 1b. The same backlog nation-wide (administrator)'
\set query 'SELECT v.procedure_id, count(*) AS open, count(*) FILTER (WHERE r.status <> ''AwaitingApplicant'' AND r.due_at < now()) AS overdue FROM requests r JOIN procedure_versions v ON v.id = r.procedure_version_id WHERE r.status IN (''AwaitingPayment'', ''Submitted'', ''InReview'', ''AwaitingApplicant'') GROUP BY v.procedure_id'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY OFF, TIMING OFF) :query;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) :query;

\echo
\echo '== 2. Decided in the last 30 days, per clerk (workload) and per procedure: ix_requests_decided_at'
\set query 'SELECT r.decided_by_id, v.procedure_id, count(*) AS decided, count(*) FILTER (WHERE r.status = ''Approved'') AS approved FROM requests r JOIN procedure_versions v ON v.id = r.procedure_version_id WHERE r.decided_at >= now() - interval ''30 days'' AND r.status IN (''Approved'', ''Rejected'') AND v.procedure_id = ANY(:''procedure_ids'') GROUP BY 1, 2'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY OFF, TIMING OFF) :query;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) :query;

\echo
\echo '== 3. supervision_daily_now: 31 days of one ministry (counters, rates, money)'
\set query 'SELECT procedure_id, sum(filed) AS filed, sum(decided) AS decided, sum(approved) AS approved, sum(decided_within_target) AS within, sum(decided_with_target) AS with_target, sum(collected_xof) AS collected FROM supervision_daily_now WHERE procedure_id = ANY(:''procedure_ids'') AND day > date :''today'' - 31 AND day <= date :''today'' GROUP BY procedure_id'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY OFF, TIMING OFF) :query;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) :query;

\echo
\echo '== 3b. supervision_daily_now: 12 months per month nation-wide (public statistics)'
\set query 'SELECT date_trunc(''month'', day) AS month, sum(filed) AS filed, sum(decided) AS decided, sum(approved) AS approved FROM supervision_daily_now WHERE day > date :''today'' - 365 AND day <= date :''today'' GROUP BY 1 ORDER BY 1'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY OFF, TIMING OFF) :query;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) :query;

\echo
\echo '== 4. supervision_durations_now: 30 days nation-wide, p50/p90 days with the administration (nearest rank)'
\set query 'WITH d AS (SELECT days, sum(requests) AS n FROM supervision_durations_now WHERE measure = ''A'' AND day > date :''today'' - 30 AND day <= date :''today'' GROUP BY days), c AS (SELECT days, sum(n) OVER (ORDER BY days) AS below, sum(n) OVER () AS total FROM d) SELECT min(days) FILTER (WHERE below >= 0.5 * total) AS p50, min(days) FILTER (WHERE below >= 0.9 * total) AS p90, max(total) AS n FROM c'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY OFF, TIMING OFF) :query;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) :query;

\echo
\echo '== 4b. supervision_durations_now: 12 months nation-wide, per procedure'
\set query 'WITH d AS (SELECT procedure_id, days, sum(requests) AS n FROM supervision_durations_now WHERE measure = ''A'' AND day > date :''today'' - 365 AND day <= date :''today'' GROUP BY procedure_id, days), c AS (SELECT procedure_id, days, sum(n) OVER (PARTITION BY procedure_id ORDER BY days) AS below, sum(n) OVER (PARTITION BY procedure_id) AS total FROM d) SELECT procedure_id, min(days) FILTER (WHERE below >= 0.5 * total) AS p50, min(days) FILTER (WHERE below >= 0.9 * total) AS p90, max(total) AS n FROM c GROUP BY procedure_id'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY OFF, TIMING OFF) :query;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) :query;

\echo
\echo '== 5. The feed and the sequence of one ministry: supervision_activity'
\set query 'SELECT id, at, procedure_id, tracking_number, kind FROM supervision_activity WHERE ministry_id = :ministry_id ORDER BY id DESC LIMIT 20'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY OFF, TIMING OFF) :query;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) :query;
\set query 'SELECT coalesce(max(id), 0) FROM supervision_activity WHERE ministry_id = :ministry_id'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) :query;
