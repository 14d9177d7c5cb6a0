-- The 4-million-request database for the supervision benchmarks (bench/run.sh generate).
-- Run by bench/generate.sh with psql on a migrated, catalogue-seeded, request-free database:
--   psql -v n=4000000 -v until="'2026-12-01 05:00:00+00'" -v seed=1 -f bench/generate.sql
-- One transaction: a failure leaves the database as it was (triggers and indexes included).
--
-- What it makes (all deterministic for a given n, until and seed, except row ids and uuids of users):
--   * 200 000 citizens (fake names, no password: they cannot sign in) and 10 clerks (Agent role) per
--     ministry, in AspNetUsers / AspNetUserRoles;
--   * n requests filed from 2017-01-01 to :until, the yearly volumes of bench.years (2024 = 4 x 2023,
--     2026 the largest), growing smoothly within each year, fewer on weekends, mostly 7 h - 22 h;
--     spread over the procedures that can be filed online, weighted by procedures.popularity;
--   * each request follows the portal's own path (Request.cs): filed -> [awaiting payment -> paid] ->
--     taken into review by a clerk of its ministry -> 0, 1 or 2 corrections (awaiting the applicant,
--     then corrections sent) -> approved (80 %) / rejected (12 %) / withdrawn (8 %: before paying,
--     while a correction is awaited, before review, or in review). The time with the administration
--     is log-normal around the procedure's target (median half of it, some late; slower ministries,
--     faster in recent years); waits for the applicant are log-normal (median 2 days). The path is
--     cut at :until, so recent requests are still open in whatever state they reached;
--   * requests' clock columns exactly as Request.Clock.cs keeps them, request_events for every step,
--     a succeeded payment (flat fees charged at filing, as FeeQuote computes them for a person) for
--     every paid request, supervision_activity for the last 30 days of steps;
--   * supervision_daily and supervision_durations rebuilt by supervision_rebuild().
\set ON_ERROR_STOP on
\set QUIET on
\pset tuples_only on
\pset format unaligned
\pset footer off

BEGIN;
SET LOCAL work_mem = '512MB';
SET LOCAL maintenance_work_mem = '1GB';
SET LOCAL synchronous_commit = off;
-- Compiling these long expressions costs more than it saves.
SET LOCAL jit = off;

CREATE SCHEMA bench;

-- Uniform in (0, 1) and standard normal, from the request's number and a draw key: reproducible.
CREATE FUNCTION bench.u(n bigint, k integer) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ((hashint8extended(n, k) & 4503599627370495)::float8 + 0.5) / 4503599627370496.0::float8;
CREATE FUNCTION bench.z(n bigint, k integer) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN sqrt(-2 * ln(bench.u(n, k))) * cos(2 * pi() * bench.u(n, k + 1000));
-- A log-normal number of days: median m, spread s.
CREATE FUNCTION bench.lognormal(n bigint, k integer, m double precision, s double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN m * exp(s * bench.z(n, k));
-- Ids of generated accounts: GUID-shaped like Identity's, derived from the kind and index.
CREATE FUNCTION bench.user_id(kind text, i bigint) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN md5('servicepublic-bench-' || kind || '-' || i)::uuid::text;

-- Tracking and receipt numbers: TG-2026-00012345 (Request.FormatTrackingNumber), RC-… (Payment.FormatReceiptNumber).
CREATE FUNCTION bench.number(prefix text, n bigint, at timestamptz) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN prefix || '-' || extract(year FROM at AT TIME ZONE 'UTC') || '-' || lpad(n::text, 8, '0');

-- Lap times: each call prints what was done since the previous one.
CREATE TABLE bench.laps (at timestamptz NOT NULL);
INSERT INTO bench.laps VALUES (clock_timestamp());
CREATE FUNCTION bench.lap(what text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE previous timestamptz;
BEGIN
    SELECT max(at) INTO previous FROM bench.laps;
    INSERT INTO bench.laps VALUES (clock_timestamp());
    RETURN format('  %-50s %8s s', what, to_char(extract(epoch FROM clock_timestamp() - previous), 'FM99990.0'));
END $$;

CREATE TABLE bench.settings AS
SELECT :n::bigint AS n, (:until)::timestamptz AS until, :seed::integer * 100 AS seed;

-- Yearly volumes for n = 4 000 000 (scaled to n): the portal's growth, most recent years largest.
-- The last year counts up to :until only.
CREATE TABLE bench.years (year integer PRIMARY KEY, total double precision NOT NULL);
INSERT INTO bench.years VALUES
    (2017, 2000), (2018, 4000), (2019, 8000), (2020, 15000), (2021, 30000), (2022, 55000),
    (2023, 100000), (2024, 400000), (2025, 1250000), (2026, 2136000), (2027, 3000000), (2028, 4000000);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM requests) THEN
        RAISE EXCEPTION 'This database already has requests: bench/run.sh generate fills an empty one (use --fresh to start over).';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM procedures) THEN
        RAISE EXCEPTION 'The catalogue is not seeded.';
    END IF;
    IF (SELECT until FROM bench.settings) NOT BETWEEN '2017-02-01' AND '2028-12-31' THEN
        RAISE EXCEPTION 'until must be between 2017-02-01 and 2028-12-31.';
    END IF;
END $$;

-- The supervision triggers are off during the load; rollups are rebuilt at the end. Foreign keys are
-- checked by PostgreSQL unless we are a superuser (then skipped, like a restore: rows are consistent by construction).
ALTER TABLE requests DISABLE TRIGGER supervision_request_changed;
ALTER TABLE payments DISABLE TRIGGER supervision_payment_changed;
SELECT CASE WHEN rolsuper THEN set_config('session_replication_role', 'replica', true) END
FROM pg_roles WHERE rolname = current_user \gset

-- Secondary indexes are dropped and built again after the load (faster than maintaining them row by row).
CREATE TABLE bench.indexes AS
SELECT c.relname AS table_name, i.relname AS index_name, pg_get_indexdef(x.indexrelid) AS definition
FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
WHERE c.relname IN ('requests', 'request_events', 'payments') AND c.relnamespace = 'public'::regnamespace
  AND NOT x.indisprimary;
DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT index_name FROM bench.indexes LOOP
        EXECUTE format('DROP INDEX public.%I', r.index_name);
    END LOOP;
END $$;
SELECT bench.lap('checks, triggers off, indexes dropped');

-- Accounts ------------------------------------------------------------------------------------------
CREATE TABLE bench.names AS SELECT
    ARRAY['Ama', 'Kofi', 'Afi', 'Kodjo', 'Akossiwa', 'Komi', 'Yawa', 'Koffi', 'Abla', 'Kossi', 'Adjoa', 'Yao',
    'Essi', 'Kwami', 'Akua', 'Mawuli', 'Dzifa', 'Edem', 'Enyonam', 'Selom', 'Sena', 'Elom', 'Mawuena',
    'Yaovi', 'Ayélé', 'Kokou', 'Amivi', 'Kafui', 'Délali', 'Nana', 'Fati', 'Issa', 'Aïcha', 'Ousmane',
    'Mariama', 'Ibrahim', 'Bintou', 'Tchilabalo', 'Essowè', 'Pitalounani', 'Kpatcha', 'Massama',
    'Awa', 'Moustapha', 'Pascaline', 'Jean', 'Marie', 'Pierre', 'Afiwa', 'Séna'] AS first,
    ARRAY['Mensah', 'Koffi', 'Lawson', 'Amegah', 'Adjo', 'Agbodjan', 'Akakpo', 'Kpodar', 'Tchalla', 'Gnassingbé',
    'Adjavon', 'Dogbé', 'Ayéva', 'Kodjovi', 'Ekué', 'Agbéko', 'Amouzou', 'Kouassi', 'Bawa', 'Tchamdja',
    'Olympio', 'Ahyi', 'Afeli', 'Dossou', 'Sossou', 'Houngbo', 'Klutse', 'Attiogbé', 'Aziaka', 'Bodjona',
    'Ouro-Djobo', 'Abalo', 'Gbégbé', 'Nabédé', 'Tcha-Tchibara', 'Issifou', 'Salifou', 'Yacoubou',
    'Kolani', 'Lamboni'] AS last;
CREATE FUNCTION bench.full_name(person bigint, draw integer, first text[], last text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN first[1 + floor(bench.u(person, draw) * cardinality(first))::integer] || ' '
        || last[1 + floor(bench.u(person, draw + 1) * cardinality(last))::integer];

\set citizens 200000
INSERT INTO "AspNetUsers" (id, full_name, preferred_language, created_at, user_name, normalized_user_name, email,
    normalized_email, email_confirmed, password_hash, security_stamp, concurrency_stamp, phone_number,
    phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
SELECT bench.user_id('citizen', i), bench.full_name(i, 1, nm.first, nm.last), 'fr-TG',
    timestamptz '2016-12-01' + (i % 400) * interval '1 day',
    format('usager%s@bench.servicepublic.tg', lpad(i::text, 6, '0')),
    upper(format('usager%s@bench.servicepublic.tg', lpad(i::text, 6, '0'))),
    format('usager%s@bench.servicepublic.tg', lpad(i::text, 6, '0')),
    upper(format('usager%s@bench.servicepublic.tg', lpad(i::text, 6, '0'))),
    true, NULL, md5('stamp' || i), md5('concurrency' || i), '+22890' || lpad(i::text, 6, '0'),
    true, false, true, 0
FROM generate_series(0, :citizens - 1) AS i, bench.names nm;
INSERT INTO "AspNetUserRoles" (user_id, role_id)
SELECT bench.user_id('citizen', i), (SELECT id FROM "AspNetRoles" WHERE normalized_name = 'CITIZEN')
FROM generate_series(0, :citizens - 1) AS i;

-- Ten clerks per ministry, spread over its offices. Staff sign in with a second factor: these have no
-- password, so nobody signs in as them; they only decide requests.
CREATE TABLE bench.clerks AS
SELECT m.id AS ministry_id, c.i, bench.user_id('clerk', m.id * 100 + c.i) AS id,
    (SELECT o.id FROM offices o WHERE o.ministry_id = m.id ORDER BY o.id
        OFFSET c.i % greatest(1, (SELECT count(*) FROM offices o2 WHERE o2.ministry_id = m.id)) LIMIT 1) AS office_id,
    format('agent%s.%s@bench.servicepublic.tg', c.i, lower(m.code)) AS email
FROM ministries m CROSS JOIN generate_series(0, 9) AS c(i);
INSERT INTO "AspNetUsers" (id, full_name, preferred_language, created_at, ministry_id, office_id, user_name,
    normalized_user_name, email, normalized_email, email_confirmed, password_hash, security_stamp,
    concurrency_stamp, phone_number, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
SELECT id, bench.full_name(ministry_id * 100 + i, 11, nm.first, nm.last), 'fr-TG', timestamptz '2016-12-01', ministry_id, office_id,
    email, upper(email), email, upper(email), true, NULL, md5('stamp' || id), md5('concurrency' || id), NULL, false,
    true, true, 0
FROM bench.clerks, bench.names nm;
INSERT INTO "AspNetUserRoles" (user_id, role_id)
SELECT id, (SELECT id FROM "AspNetRoles" WHERE normalized_name = 'AGENT') FROM bench.clerks;
SELECT bench.lap(format('accounts: %s citizens, %s clerks', :citizens, (SELECT count(*) FROM bench.clerks)));

-- Procedures that can be filed online (Procedure.CanBeFiledOnline), with what a person pays at filing:
-- flat amounts, not due later, not a range, for everyone or for individuals (FeeQuote.For).
CREATE TABLE bench.procedures AS
SELECT row_number() OVER (ORDER BY p.id)::integer AS i, p.id AS procedure_id, v.id AS version_id, p.ministry_id,
    p.office_id, p.popularity, coalesce(v.processing_time_max_days, v.processing_time_min_days, p.target_delay_days) AS target,
    coalesce(fee.amount, 0) AS fee, coalesce(fee.lines, '[]') AS lines,
    (SELECT f->>'Key' FROM jsonb_array_elements(coalesce(v.form, '[]')) f WHERE f->>'Type' <> 'Section' LIMIT 1) AS field
FROM procedures p
JOIN procedure_versions v ON v.procedure_id = p.id AND v.is_current
LEFT JOIN LATERAL (
    SELECT sum((f->>'Amount')::bigint) AS amount,
        jsonb_agg(jsonb_build_object('Label', f->>'Label', 'Quantity', 1, 'Unit', NULL, 'UnitAmount', (f->>'Amount')::bigint,
            'Amount', (f->>'Amount')::bigint, 'Refundable', coalesce((f->>'Refundable')::boolean, false))) AS lines
    FROM jsonb_array_elements(coalesce(v.fees, '[]')) f
    WHERE f->>'Kind' = 'Flat' AND NOT coalesce((f->>'DueLater')::boolean, false) AND f->>'Amount' IS NOT NULL
      AND (f->>'Max' IS NULL OR (f->>'Max')::bigint = (f->>'Amount')::bigint)
      AND coalesce((f->>'AppliesTo')::integer, 0) IN (0, 1)
) fee ON true
WHERE p.is_online AND p.status = 'Active' AND p.popularity > 0;
-- Picking a procedure by popularity: width_bucket(u, thresholds) finds i such that the cumulative share
-- of procedures 1..i-1 <= u < that of 1..i (thresholds start at the share of procedure 1).
CREATE TABLE bench.picker AS
SELECT array_agg(c ORDER BY i) AS thresholds FROM (
    SELECT i, (sum(popularity) OVER (ORDER BY i))::float8 / sum(popularity) OVER () AS c FROM bench.procedures) t
WHERE c < 1;

-- Some ministries are slower than others (0.75 to 1.35), every ministry a little faster each year.
CREATE TABLE bench.ministry_pace AS
SELECT id AS ministry_id, (0.75 + 0.6 * ((id * 7919) % 13) / 12.0)::float8 AS pace FROM ministries;

-- Days and how many requests each gets --------------------------------------------------------------
CREATE TABLE bench.days AS
WITH d AS (
    SELECT day::date AS day, extract(year FROM day)::integer AS year,
        (extract(doy FROM day)::float8 - 1) / 365 AS t,
        CASE extract(isodow FROM day) WHEN 6 THEN 0.45 WHEN 7 THEN 0.25 ELSE 1.0 END AS weekday
    FROM bench.settings, generate_series(timestamp '2017-01-01', date_trunc('day', until AT TIME ZONE 'UTC'), interval '1 day') AS day
), growth AS (
    -- within a year, grow at the pace of the years around it
    SELECT y.year, y.total, coalesce(sqrt(nx.total / pv.total), nx.total / y.total, y.total / pv.total) AS g
    FROM bench.years y
    LEFT JOIN bench.years pv ON pv.year = y.year - 1
    LEFT JOIN bench.years nx ON nx.year = y.year + 1
), raw AS (
    SELECT d.day, d.year, power(g.g, d.t) * d.weekday
        * CASE WHEN d.day = (SELECT (until AT TIME ZONE 'UTC')::date FROM bench.settings)
               THEN extract(epoch FROM (SELECT until FROM bench.settings) - (d.day::timestamp AT TIME ZONE 'UTC')) / 86400.0
               ELSE 1 END AS w, g.total
    FROM d JOIN growth g USING (year)
), weighted AS (
    SELECT day, w * total / sum(w) OVER (PARTITION BY year) AS w FROM raw
), cumulative AS (
    SELECT day, sum(w::numeric) OVER (ORDER BY day) AS c, sum(w::numeric) OVER () AS total FROM weighted
), upto AS (
    SELECT day, round(s.n * c / total)::bigint AS upto FROM cumulative, bench.settings s
)
SELECT day, coalesce(lag(upto) OVER (ORDER BY day), 0) + 1 AS first, upto FROM upto;

-- The plan: one row per request, with every step of its path (null when it does not take that step).
-- Times are before the cut at :until; the cut happens when rows are written.
CREATE UNLOGGED TABLE bench.plan AS
WITH base AS (
    SELECT r.n, r.filed_at, p.*, m.pace,
        -- the time with the administration, in days (at least 30 minutes, at most a year)
        least(365, greatest(1 / 48.0, greatest(coalesce(p.target, 10), 0.5)::float8 * 0.55 * m.pace
            * (1.4 - 0.05 * (extract(year FROM r.filed_at)::float8 - 2017)) * exp(0.7 * bench.z(r.n, s.seed + 3)))) AS admin_days,
        CASE WHEN p.fee > 0 THEN least(20, bench.lognormal(r.n, s.seed + 2, 20 / 1440.0, 1.6)) END AS pay_days,
        bench.u(r.n, s.seed + 4) AS outcome,
        bench.u(r.n, s.seed + 5) AS withdrawal,
        CASE WHEN bench.u(r.n, s.seed + 6) < 0.04 THEN 2 WHEN bench.u(r.n, s.seed + 6) < 0.20 THEN 1 ELSE 0 END AS corrections,
        0.05 + 0.35 * bench.u(r.n, s.seed + 7) AS take_at,
        bench.u(r.n, s.seed + 8) AS c1_draw, bench.u(r.n, s.seed + 9) AS c2_draw,
        least(120, greatest(10 / 1440.0, bench.lognormal(r.n, s.seed + 10, 2, 1.0))) AS w1_days,
        least(120, greatest(10 / 1440.0, bench.lognormal(r.n, s.seed + 11, 1.5, 1.0))) AS w2_days,
        bench.u(r.n, s.seed + 12) AS early,
        least(30, bench.lognormal(r.n, s.seed + 13, 2, 0.8)) AS unpaid_days,
        floor(200000 * power(bench.u(r.n, s.seed + 14), 1.5))::integer AS citizen,
        floor(10 * bench.u(r.n, s.seed + 15))::integer AS clerk_i,
        bench.u(r.n, s.seed + 16) AS method
    FROM (
        SELECT k AS n, s.seed,
            -- the k-th request of the day: 5 % before 7 h, 90 % from 7 h to 22 h, 5 % after; the last day ends at :until
            CASE WHEN d.day = (s.until AT TIME ZONE 'UTC')::date
                THEN d.day::timestamp AT TIME ZONE 'UTC' + (s.until - d.day::timestamp AT TIME ZONE 'UTC') * ((k - d.first + 0.5)::float8 / (d.upto - d.first + 1))
                ELSE d.day::timestamp AT TIME ZONE 'UTC' + interval '1 second' * (
                    CASE WHEN q < 0.05 THEN q / 0.05 * 25200 WHEN q < 0.95 THEN 25200 + (q - 0.05) / 0.9 * 54000
                         ELSE 79200 + (q - 0.95) / 0.05 * 7199 END) END AS filed_at,
            1 + width_bucket(bench.u(k, s.seed + 1), (SELECT thresholds FROM bench.picker)) AS proc_i
        FROM bench.days d CROSS JOIN bench.settings s
        CROSS JOIN LATERAL generate_series(d.first, d.upto) AS k
        CROSS JOIN LATERAL (SELECT (k - d.first + 0.5)::float8 / (d.upto - d.first + 1) AS q) q
        OFFSET 0
    ) r
    CROSS JOIN bench.settings s
    JOIN bench.procedures p ON p.i = r.proc_i
    JOIN bench.ministry_pace m ON m.ministry_id = p.ministry_id
    OFFSET 0 -- each draw once per row, not once per use below
), path AS (
    SELECT b.*,
        CASE WHEN outcome >= 0.20 THEN 'Approved' WHEN outcome >= 0.08 THEN 'Rejected' ELSE 'Withdrawn' END AS final_to,
        -- how a withdrawal happens: before paying, instead of sending corrections, before review, in review
        CASE WHEN outcome >= 0.08 THEN 'decision'
             WHEN fee > 0 AND withdrawal < 0.35 THEN 'unpaid'
             WHEN corrections > 0 AND withdrawal < 0.65 THEN 'correction'
             WHEN withdrawal < 0.85 THEN 'submitted'
             ELSE 'decision' END AS ending
    FROM base b
    OFFSET 0
), times AS (
    SELECT p.*,
        CASE WHEN ending = 'unpaid' THEN NULL WHEN fee > 0 THEN filed_at + pay_days * interval '1 day' ELSE filed_at END AS started,
        c1_frac, c2_frac
    FROM path p
    CROSS JOIN LATERAL (SELECT take_at + (1 - take_at) * (0.15 + 0.5 * c1_draw) AS c1_frac) a
    CROSS JOIN LATERAL (SELECT c1_frac + (1 - c1_frac) * (0.3 + 0.4 * c2_draw) AS c2_frac) b
    OFFSET 0
)
SELECT n, md5('servicepublic-bench-request-' || n)::uuid AS id, filed_at, procedure_id, version_id, ministry_id,
    office_id, target, fee, field, bench.user_id('citizen', citizen) AS applicant_id,
    bench.user_id('clerk', ministry_id * 100 + clerk_i) AS clerk_id, method,
    CASE WHEN fee > 0 AND ending <> 'unpaid' THEN started END AS paid,
    started,
    CASE WHEN ending NOT IN ('unpaid', 'submitted') THEN started + take_at * admin_days * interval '1 day' END AS taken,
    CASE WHEN corrections >= 1 AND ending NOT IN ('unpaid', 'submitted') THEN started + c1_frac * admin_days * interval '1 day' END AS asked1,
    CASE WHEN corrections >= 1 AND ending NOT IN ('unpaid', 'submitted', 'correction')
        THEN started + (c1_frac * admin_days + w1_days) * interval '1 day' END AS sent1,
    CASE WHEN corrections = 2 AND ending NOT IN ('unpaid', 'submitted', 'correction')
        THEN started + (c2_frac * admin_days + w1_days) * interval '1 day' END AS asked2,
    CASE WHEN corrections = 2 AND ending NOT IN ('unpaid', 'submitted', 'correction')
        THEN started + (c2_frac * admin_days + w1_days + w2_days) * interval '1 day' END AS sent2,
    CASE ending
        WHEN 'unpaid' THEN filed_at + unpaid_days * interval '1 day'
        WHEN 'correction' THEN started + (c1_frac * admin_days + w1_days) * interval '1 day'
        WHEN 'submitted' THEN started + take_at * admin_days * early * interval '1 day'
        ELSE started + (admin_days + CASE WHEN corrections >= 1 THEN w1_days ELSE 0 END
                                   + CASE WHEN corrections = 2 THEN w2_days ELSE 0 END) * interval '1 day' END AS finished,
    CASE ending WHEN 'unpaid' THEN 'AwaitingPayment' WHEN 'correction' THEN 'AwaitingApplicant'
        WHEN 'submitted' THEN 'Submitted' ELSE 'InReview' END AS final_from,
    final_to
FROM times;
SELECT bench.lap(format('plan: %s requests', (SELECT count(*) FROM bench.plan)));

-- The steps of a request's path up to :until, in the order Request.Move records them: what
-- request_events holds, and what the supervision trigger logs as activity.
CREATE FUNCTION bench.steps(p bench.plan, until timestamptz)
    RETURNS TABLE (step integer, at timestamptz, from_status text, to_status text, actor text, actor_id text, comment text)
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT e.step, e.at, e.from_status, e.to_status, e.actor,
        CASE e.actor WHEN 'Applicant' THEN p.applicant_id WHEN 'Clerk' THEN p.clerk_id END, e.comment
    FROM (VALUES
        (1, p.filed_at, 'Draft', CASE WHEN p.fee > 0 THEN 'AwaitingPayment' ELSE 'Submitted' END, 'Applicant', NULL),
        (2, p.paid, 'AwaitingPayment', 'Submitted', 'System', 'Paiement confirmé (reçu ' || bench.number('RC', p.n, p.paid) || ')'),
        (3, p.taken, 'Submitted', 'InReview', 'Clerk', NULL),
        (4, p.asked1, 'InReview', 'AwaitingApplicant', 'Clerk', (ARRAY[
            'La pièce d''identité est illisible : merci de la numériser à nouveau.',
            'Le justificatif de domicile date de plus de trois mois.',
            'Merci de compléter l''adresse et de joindre la pièce manquante.'])[1 + (p.n % 3)::integer]),
        (5, p.sent1, 'AwaitingApplicant', 'InReview', 'Applicant', 'Corrections envoyées'),
        (6, p.asked2, 'InReview', 'AwaitingApplicant', 'Clerk', 'La pièce envoyée ne correspond pas à la demande.'),
        (7, p.sent2, 'AwaitingApplicant', 'InReview', 'Applicant', 'Corrections envoyées'),
        (8, p.finished, p.final_from, p.final_to, CASE WHEN p.final_to = 'Withdrawn' THEN 'Applicant' ELSE 'Clerk' END,
            CASE p.final_to WHEN 'Rejected' THEN (ARRAY[
                'Les conditions requises ne sont pas remplies.',
                'Le dossier est incomplet malgré la demande de correction.',
                'Une demande identique est déjà en cours.'])[1 + (p.n % 3)::integer] END)
    ) AS e(step, at, from_status, to_status, actor, comment)
    WHERE e.at IS NOT NULL AND e.at <= until
$$;

-- Requests, as they stand at :until -------------------------------------------------------------------
INSERT INTO requests (id, tracking_number, check_code, procedure_version_id, applicant_id, business_id, status, answers,
    created_at, updated_at, submitted_at, due_at, assigned_clerk_id, replaced_answers, fields_to_correct,
    awaiting_applicant_since, decided_at, decided_by_id, filed_at, time_with_applicant)
SELECT p.id,
    bench.number('TG', p.n, p.filed_at),
    -- six characters of the check-code alphabet (no 0/O, 1/I/L)
    substr(cc.a, 1 + (cc.h % 31)::integer, 1) || substr(cc.a, 1 + (cc.h / 31 % 31)::integer, 1)
        || substr(cc.a, 1 + (cc.h / 961 % 31)::integer, 1) || substr(cc.a, 1 + (cc.h / 29791 % 31)::integer, 1)
        || substr(cc.a, 1 + (cc.h / 923521 % 31)::integer, 1) || substr(cc.a, 1 + (cc.h / 28629151 % 31)::integer, 1),
    p.version_id, p.applicant_id, NULL, st.status, '{}',
    p.filed_at - bench.lognormal(p.n, 600, 10 / 1440.0, 1.2) * interval '1 day',
    greatest(p.filed_at, CASE WHEN p.paid <= s.until THEN p.paid END, CASE WHEN p.taken <= s.until THEN p.taken END,
        CASE WHEN p.asked1 <= s.until THEN p.asked1 END, CASE WHEN p.sent1 <= s.until THEN p.sent1 END,
        CASE WHEN p.asked2 <= s.until THEN p.asked2 END, CASE WHEN p.sent2 <= s.until THEN p.sent2 END,
        CASE WHEN p.finished <= s.until THEN p.finished END),
    CASE WHEN p.started <= s.until THEN p.started END,
    -- the due date: clock start + target, moved by each closed wait
    CASE WHEN p.started <= s.until THEN p.started + p.target * interval '1 day' + w.with_applicant END,
    CASE WHEN p.taken <= s.until THEN p.clerk_id END,
    '[]',
    CASE WHEN st.status = 'AwaitingApplicant' THEN ARRAY[coalesce(p.field, 'piece')] ELSE '{}' END,
    CASE WHEN st.status = 'AwaitingApplicant' THEN CASE WHEN p.asked2 <= s.until THEN p.asked2 ELSE p.asked1 END END,
    CASE WHEN p.finished <= s.until THEN p.finished END,
    CASE WHEN st.status IN ('Approved', 'Rejected') THEN p.clerk_id END,
    p.filed_at, w.with_applicant
FROM bench.plan p
CROSS JOIN bench.settings s
CROSS JOIN LATERAL (SELECT
    CASE WHEN p.finished <= s.until THEN p.final_to
         WHEN p.sent2 <= s.until THEN 'InReview' WHEN p.asked2 <= s.until THEN 'AwaitingApplicant'
         WHEN p.sent1 <= s.until THEN 'InReview' WHEN p.asked1 <= s.until THEN 'AwaitingApplicant'
         WHEN p.taken <= s.until THEN 'InReview'
         WHEN p.started <= s.until THEN 'Submitted'
         ELSE 'AwaitingPayment' END AS status) st
CROSS JOIN LATERAL (SELECT
    -- closed waits only: Request.Tick adds a wait when the request leaves AwaitingApplicant
    (CASE WHEN p.sent1 <= s.until THEN p.sent1 - p.asked1 ELSE interval '0' END)
    + (CASE WHEN p.sent2 <= s.until THEN p.sent2 - p.asked2 ELSE interval '0' END)
    + (CASE WHEN p.final_from = 'AwaitingApplicant' AND p.finished <= s.until THEN p.finished - p.asked1 ELSE interval '0' END) AS with_applicant) w
CROSS JOIN LATERAL (SELECT hashint8extended(p.n, 500) & 4503599627370495 AS h, 'ABCDEFGHJKMNPQRSTUVWXYZ23456789' AS a) cc;
-- in plan order (filing order), as the portal would have written them
SELECT bench.lap(format('requests: %s', (SELECT count(*) FROM requests)));

-- Events: every step up to :until.
INSERT INTO request_events (request_id, "from", "to", actor_id, actor, comment, at)
SELECT p.id, e.from_status, e.to_status, e.actor_id, e.actor, e.comment, e.at
FROM bench.plan p
CROSS JOIN bench.settings s
CROSS JOIN LATERAL bench.steps(p, s.until) e; -- in plan order: by request number, then step
SELECT bench.lap(format('request_events: %s', (SELECT count(*) FROM request_events)));

-- Payments: one succeeded payment per paid request, of the flat fees charged at filing.
INSERT INTO payments (id, request_id, payer_id, method, provider, phone_number, amount, lines, status, provider_reference,
    operator_reference, checkout_url, created_at, updated_at, completed_at, failure_reason, anomaly, receipt_number,
    receipt_code, next_check_at, checks)
SELECT md5('servicepublic-bench-payment-' || p.n)::uuid, p.id, p.applicant_id, m.method, m.provider,
    CASE WHEN m.method <> 'Card' THEN '+22890' || lpad((p.n % 1000000)::text, 6, '0') END,
    p.fee, pr.lines, 'Succeeded', format('BENCH-%s', p.n), NULL, NULL,
    greatest(p.filed_at, p.paid - interval '2 minutes'), p.paid, p.paid, NULL, NULL,
    bench.number('RC', p.n, p.paid),
    upper(substr(md5('receipt' || p.n), 1, 16)), NULL, 0
FROM bench.plan p
JOIN bench.procedures pr ON pr.procedure_id = p.procedure_id
CROSS JOIN bench.settings s
CROSS JOIN LATERAL (SELECT
    CASE WHEN p.method < 0.55 THEN 'TMoney' WHEN p.method < 0.90 THEN 'Flooz' ELSE 'Card' END AS method,
    CASE WHEN p.method < 0.90 THEN 'paygate' ELSE 'cinetpay' END AS provider) m
WHERE p.paid <= s.until
ORDER BY 1;
SELECT bench.lap(format('payments: %s', (SELECT count(*) FROM payments)));

-- Indexes back, as the migrations made them.
DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT definition FROM bench.indexes LOOP
        EXECUTE r.definition;
    END LOOP;
END $$;
SELECT bench.lap(format('indexes rebuilt: %s', (SELECT count(*) FROM bench.indexes)));

-- The room's feed: the last 30 days of steps, in time order, as the trigger would have logged them.
INSERT INTO supervision_activity (at, ministry_id, office_id, procedure_id, request_id, tracking_number, kind, status)
SELECT e.at, p.ministry_id, p.office_id, p.procedure_id, p.id, bench.number('TG', p.n, p.filed_at),
    CASE WHEN e.from_status = 'Draft' THEN 'filed'
         WHEN e.from_status = 'AwaitingPayment' AND e.to_status = 'Submitted' THEN 'paid'
         WHEN e.from_status = 'AwaitingApplicant' AND e.to_status = 'InReview' THEN 'corrected'
         WHEN e.to_status = 'InReview' THEN 'review'
         WHEN e.to_status = 'AwaitingApplicant' THEN 'correction'
         ELSE lower(e.to_status) END,
    e.to_status
FROM bench.plan p
CROSS JOIN bench.settings s
CROSS JOIN LATERAL bench.steps(p, s.until) e
-- a request's last step is its final one: older requests have none in the window
WHERE p.finished > s.until - interval '30 days' AND e.at > s.until - interval '30 days'
ORDER BY e.at, p.n, e.step;
SELECT bench.lap(format('supervision_activity (30 days): %s', (SELECT count(*) FROM supervision_activity)));

-- Numbers given from now on follow the generated ones.
SELECT setval('request_tracking_numbers', (SELECT n FROM bench.settings)),
       setval('payment_receipt_numbers', (SELECT n FROM bench.settings)) \gset

DO $$ BEGIN PERFORM supervision_rebuild(); END $$;
-- The triggers write a day's rollup rows on that day: stored by day, as CLUSTER leaves them (the
-- rebuild writes them in hash order, which would make every range of days read the whole table).
CLUSTER supervision_daily USING ix_supervision_daily_day;
CLUSTER supervision_durations USING ix_supervision_durations_day;
SELECT bench.lap(format('rollups rebuilt: %s daily rows, %s duration rows',
    (SELECT count(*) FROM supervision_daily), (SELECT count(*) FROM supervision_durations)));

ALTER TABLE requests ENABLE TRIGGER supervision_request_changed;
ALTER TABLE payments ENABLE TRIGGER supervision_payment_changed;
SET LOCAL client_min_messages = warning;
DROP SCHEMA bench CASCADE;
COMMIT;
