-- What the gateway writes back to the NPD (spec §5.4, §5.5). Both tables are keyed by the
-- submitting agency and the caller's Idempotency-Key, so a retry finds the first attempt.

-- The newborn's personal number: the gateway's own idempotency record. A row is written before the
-- NPD is asked (PENDING) and completed with the number it issued (ISSUED), so a retry after a lost
-- answer or a restart asks the NPD again with the same key and never gets a second number.
CREATE TABLE newborn_personal_id (
    agency          TEXT        NOT NULL,
    idempotency_key TEXT        NOT NULL,
    request_hash    CHAR(64)    NOT NULL,
    case_id         TEXT        NOT NULL,
    state           TEXT        NOT NULL CHECK (state IN ('PENDING', 'ISSUED')),
    personal_id     CHAR(12),
    created_at      TIMESTAMPTZ NOT NULL,
    issued_at       TIMESTAMPTZ,
    PRIMARY KEY (agency, idempotency_key)
);
CREATE INDEX newborn_personal_id_issued_idx ON newborn_personal_id (issued_at);

-- The outbox of civil-status events: committed before the caller hears 202, delivered by a worker
-- that claims due rows with FOR UPDATE SKIP LOCKED, so any number of instances share the work and
-- no event is in flight twice.
CREATE TABLE civil_status_event (
    id                UUID        PRIMARY KEY,
    agency            TEXT        NOT NULL,
    idempotency_key   TEXT        NOT NULL,
    request_hash      CHAR(64)    NOT NULL,
    type              TEXT        NOT NULL,
    case_id           TEXT        NOT NULL,
    officer           TEXT,
    payload           JSONB       NOT NULL,
    status            TEXT        NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'REJECTED')),
    attempts          INTEGER     NOT NULL DEFAULT 0,
    accepted_at       TIMESTAMPTZ NOT NULL,
    next_attempt_at   TIMESTAMPTZ NOT NULL,
    last_attempt_at   TIMESTAMPTZ,
    delivered_at      TIMESTAMPTZ,
    rejection_code    TEXT,
    rejection_message TEXT,
    -- The worker's claim: set with next_attempt_at pushed one lease ahead, checked by every update
    -- after the delivery, so a worker whose lease ran out (and whose row another claimed) changes nothing.
    claim_token       UUID,
    -- The NPD's own id of the delivered event (its 202 answer).
    npd_event_id      TEXT,
    UNIQUE (agency, idempotency_key)
);
CREATE INDEX civil_status_event_due_idx ON civil_status_event (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX civil_status_event_accepted_idx ON civil_status_event (accepted_at DESC);
