package vn.gov.dancu.gateway.security;

/**
 * Who is calling, from the officer's token: the officer ({@code preferred_username}), the
 * agency ({@code agency_code}) and the counter software's OIDC client ({@code azp}). These go to
 * the NPD's purpose headers and to the audit trail.
 */
public record Caller(String officer, String agency, String clientId) {
}
