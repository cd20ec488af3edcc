package vn.gov.dancu.gateway.upstream.npd;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The NPD's client-credentials token response. */
@JsonIgnoreProperties(ignoreUnknown = true)
record NpdToken(@JsonProperty("access_token") String accessToken, @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn) {

    @Override
    public String toString() {
        return "NpdToken[expiresIn=" + expiresIn + "]"; // never the token itself
    }
}
