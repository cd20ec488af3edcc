package vn.gov.dancu.gateway.upstream.vneid;

/** Why an identity proof was refused: the {@code reason} of 422 IDENTITY_PROOF_INVALID (spec §5.2). */
public enum ProofFailure {
    /** Not a JWT (or a JWT without the claims VNeID always sets); for a QR code see CODE_INVALID. */
    MALFORMED,
    /** Bad signature, an algorithm other than RS256, or a key offered by the token itself. */
    SIGNATURE,
    /** {@code iss} is not VNeID. */
    ISSUER,
    /** {@code aud} is not this gateway. */
    AUDIENCE,
    /** Outside {@code iat}..{@code exp}, beyond the allowed clock skew. */
    EXPIRED,
    /** The {@code kid} is not among VNeID's published keys, even after a refresh. */
    UNKNOWN_KEY,
    /** VNeID did not issue this QR code (400 INVALID_CODE). */
    CODE_INVALID,
    /** The QR code's 120 seconds are over (410 CODE_EXPIRED). */
    CODE_EXPIRED
}
