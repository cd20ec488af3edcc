package vn.gov.dancu.gateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hash chain's arithmetic, in one place for the writer and the verifier: a record's hash is
 * SHA-256 over the previous hash, its sequence number and its canonical JSON. Canonical means
 * properties in alphabetical order, no whitespace, instants as ISO-8601 in UTC, text in NFC, so
 * the same record read back from the database hashes to the same value.
 */
public final class AuditChain {

    /** The previous hash of the first record ever written. */
    public static final String GENESIS = "0".repeat(64);

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
            .build();

    private AuditChain() {
    }

    /**
     * The entry as the hash sees it. Text is taken in Unicode NFC: a Vietnamese name is the same
     * name whether a token or a tool composed its diacritics or not, and a database migration that
     * normalises text must not break the chain. (JSON's own characters are ASCII and never combine.)
     */
    public static String canonical(AuditEntry entry) {
        try {
            String json = CANONICAL.writeValueAsString(entry);
            // Usually NFC already (text is normalised at the edge): checked without copying.
            return Normalizer.isNormalized(json, Normalizer.Form.NFC) ? json : Normalizer.normalize(json, Normalizer.Form.NFC);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit entry not serialisable", e);
        }
    }

    public static String hash(String previousHash, long seq, AuditEntry entry) {
        // SHA-256 over "previous|seq|canonical", fed in parts rather than copied into one string.
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((previousHash + "|" + seq + "|").getBytes(StandardCharsets.UTF_8));
            digest.update(canonical(entry).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The signature of a checkpoint: HMAC-SHA256 over "seq|hash" with a key kept out of the database. */
    public static String sign(byte[] key, long seq, String hash) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((seq + "|" + hash).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Jackson for the JSONB columns, the same settings as the canonical form. */
    static ObjectMapper json() {
        return CANONICAL;
    }
}
