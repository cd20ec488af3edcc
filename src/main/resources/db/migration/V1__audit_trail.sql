-- The audit trail of every access to personal data (Decree 13/2023 Art. 38(2)).
-- Records form one hash chain across all gateway instances: audit_chain_head is locked by each
-- writing transaction, which serialises the assignment of sequence numbers and previous hashes.

CREATE TABLE audit_record (
    seq            BIGINT      PRIMARY KEY,
    id             UUID        NOT NULL UNIQUE,
    at             TIMESTAMPTZ NOT NULL,
    request_id     TEXT        NOT NULL,
    officer        TEXT,
    agency         TEXT,
    client_id      TEXT,
    operation      TEXT        NOT NULL,
    procedure      TEXT,
    case_id        TEXT,
    legal_basis    TEXT,
    parties        JSONB       NOT NULL,
    outcome        INTEGER     NOT NULL,
    issue_codes    JSONB       NOT NULL,
    upstream_calls JSONB       NOT NULL,
    prev_hash      CHAR(64)    NOT NULL,
    hash           CHAR(64)    NOT NULL
);

-- "Who looked at this citizen": containment queries on the parties array.
CREATE INDEX audit_record_parties_idx ON audit_record USING GIN (parties jsonb_path_ops);
CREATE INDEX audit_record_at_idx ON audit_record (at DESC);
CREATE INDEX audit_record_case_idx ON audit_record (case_id);
CREATE INDEX audit_record_officer_idx ON audit_record (officer);
CREATE INDEX audit_record_agency_idx ON audit_record (agency);

-- The head of the chain: one row, locked FOR UPDATE by every writer.
CREATE TABLE audit_chain_head (
    id   SMALLINT PRIMARY KEY CHECK (id = 1),
    seq  BIGINT   NOT NULL,
    hash CHAR(64) NOT NULL
);

-- Where verification starts: the genesis, or after retention removed older records, the last
-- removed record's sequence number and hash (see README, "Retention").
CREATE TABLE audit_chain_anchor (
    id          SMALLINT    PRIMARY KEY CHECK (id = 1),
    seq         BIGINT      NOT NULL,
    hash        CHAR(64)    NOT NULL,
    moved_at    TIMESTAMPTZ NOT NULL
);

-- Signed checkpoints of the head: an HMAC with a key that is not in the database, so that
-- someone who can rewrite the table cannot also re-sign a recomputed chain.
CREATE TABLE audit_checkpoint (
    seq        BIGINT      PRIMARY KEY,
    hash       CHAR(64)    NOT NULL,
    signature  CHAR(64)    NOT NULL,
    at         TIMESTAMPTZ NOT NULL
);

INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));
INSERT INTO audit_chain_anchor (id, seq, hash, moved_at) VALUES (1, 0, repeat('0', 64), now());

-- Where retention moves records when archiving is on (gateway.audit.archive=true); the DBA can
-- move this table to cold storage. Archived rows keep their hashes and stay verifiable offline.
CREATE TABLE audit_record_archive (LIKE audit_record INCLUDING ALL);
