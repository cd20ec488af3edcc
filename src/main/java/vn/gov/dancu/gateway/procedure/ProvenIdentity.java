package vn.gov.dancu.gateway.procedure;

import java.time.Instant;

/**
 * Who an identity proof showed to be at the counter (spec §5.2), and how: the method and the
 * identification level (IN_PERSON, the officer's attestation, is level 2). The credential itself
 * (QR code, ID token) is never kept. {@code personalId} is null for IN_PERSON, whose person is
 * the party the officer checked.
 *
 * @param vneidStatus VNeID's status for a redeemed QR code (for the audit record's upstream call);
 *                    0 when VNeID was not called for this proof
 */
public record ProvenIdentity(String method, String personalId, String fullName, String dateOfBirth, String gender,
        int level, Instant verifiedAt, int vneidStatus) {

    public static final String VNEID_QR = "VNEID_QR";
    public static final String VNEID_ID_TOKEN = "VNEID_ID_TOKEN";
    public static final String IN_PERSON = "IN_PERSON";

    @Override
    public String toString() {
        return "ProvenIdentity[method=" + method + ", level=" + level + "]";
    }
}
