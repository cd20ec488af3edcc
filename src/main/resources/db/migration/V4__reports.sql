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
