-- The monthly usage report (spec §5.7) and the dashboard (§5.8) read one month at a time.

-- How long each prefill took, arrival to answer, for the report's p95Ms. Not in audit_record: its
-- content is hashed into the chain, and a latency is no part of "who accessed whom". Counts only:
-- no officer, agency, case or citizen here.
CREATE TABLE prefill_latency (
    at          TIMESTAMPTZ NOT NULL,
    procedure   TEXT        NOT NULL,
    status      INTEGER     NOT NULL,
    duration_ms INTEGER     NOT NULL
);
CREATE INDEX prefill_latency_at_idx ON prefill_latency (at);

-- A month of the trail is found through audit_record_at_idx (V1); the month list walks the same
-- index month by month. The outbox's outcomes are counted in the month they happened.
CREATE INDEX civil_status_event_delivered_idx ON civil_status_event (delivered_at) WHERE status = 'DELIVERED';
CREATE INDEX civil_status_event_rejected_idx ON civil_status_event (last_attempt_at) WHERE status = 'REJECTED';
CREATE INDEX civil_status_event_pending_idx ON civil_status_event (accepted_at) WHERE status = 'PENDING';

-- A daily roll-up of the trail, so a month of a million records is reported from a few thousand
-- rows (bench/results/*-report.md). ReportRollup adds each whole day (gateway zone) once it has
-- ended; usage_rollup.up_to is the watermark: every record stamped before it is in usage_day, and
-- the report reads the trail itself only from the watermark on. Counts only.
CREATE TABLE usage_day (
    day           DATE   NOT NULL,
    agency        TEXT,
    operation     TEXT   NOT NULL,
    procedure     TEXT,
    outcome_class TEXT   NOT NULL,
    roles         TEXT,
    records       BIGINT NOT NULL,
    released      BIGINT NOT NULL,
    npd_calls     BIGINT NOT NULL,
    npd_failures  BIGINT NOT NULL,
    cache_hits    BIGINT NOT NULL
);
CREATE INDEX usage_day_day_idx ON usage_day (day);

CREATE TABLE usage_rollup (
    id    SMALLINT PRIMARY KEY CHECK (id = 1),
    up_to TIMESTAMPTZ
);
INSERT INTO usage_rollup (id, up_to) VALUES (1, NULL);

-- "Distinct citizens served" does not add up across days: the month that is still being rolled up
-- keeps the SHA-256 of the numbers it has seen. A hash of a 12-digit number hides nothing from
-- someone who tries them all, so this is personal data under the same protection as audit_record
-- (same database, same access); it is kept only while the month is open: when the watermark
-- passes the month's end, the count is kept in usage_month and the month's hashes are deleted.
CREATE TABLE usage_citizen (
    month   DATE  NOT NULL,
    citizen BYTEA NOT NULL,
    PRIMARY KEY (month, citizen)
);
CREATE TABLE usage_month (
    month           DATE   PRIMARY KEY,
    citizens_served BIGINT NOT NULL
);
