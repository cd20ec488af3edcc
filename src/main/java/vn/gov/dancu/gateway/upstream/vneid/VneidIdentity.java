package vn.gov.dancu.gateway.upstream.vneid;

import java.time.Instant;

/**
 * Who a proof showed to be at the counter, as VNeID states it (contract: {@code VerifiedIdentity};
 * an ID token's {@code personal_id}, {@code name}, {@code birthdate}, {@code gender},
 * {@code identification_level}).
 *
 * @param dateOfBirth as VNeID gives it: YYYY, YYYY-MM or YYYY-MM-DD
 * @param gender      MALE or FEMALE
 * @param level       1 or 2
 */
public record VneidIdentity(String personalId, String fullName, String dateOfBirth, String gender, int level,
        Instant verifiedAt) {

    @Override
    public String toString() {
        return "VneidIdentity[level=" + level + "]"; // personal data stays out of any log line
    }
}
