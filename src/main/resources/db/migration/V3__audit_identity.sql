-- Identity proofs in the audit trail (issue 8): how the person at the counter proved who they
-- are — method, level and the party role they matched — never the QR code or the ID token.
-- NULL for every record written before, and for operations without a proof: the hash covers the
-- column only when it is set, so older records verify as they always did.
ALTER TABLE audit_record ADD COLUMN identity JSONB;
ALTER TABLE audit_record_archive ADD COLUMN identity JSONB;
