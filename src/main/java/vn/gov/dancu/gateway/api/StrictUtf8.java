package vn.gov.dancu.gateway.api;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import vn.gov.dancu.gateway.error.ErrorCode;
import vn.gov.dancu.gateway.error.GatewayException;
import vn.gov.dancu.gateway.error.Violation;

/**
 * Request bodies are decoded as strict UTF-8 before Jackson sees them. Jackson's byte parser
 * accepts overlong forms ({@code C0 AF} read as {@code /}), which a filter or proxy in front of
 * the gateway reads differently, and it guesses UTF-16 or UTF-32 from the first bytes. The JDK's
 * decoder with {@link CodingErrorAction#REPORT} refuses overlong forms, surrogates and truncated
 * sequences; a raw U+0000 cannot occur in JSON text at all (RFC 8259 §7), so finding one means the
 * body is UTF-16/32. Either way: 400 MALFORMED_JSON. Bodies are at most 64 KiB (BodyLimit), so
 * holding one in memory twice costs nothing.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public class StrictUtf8 implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        byte[] body = context.getInputStream().readAllBytes();
        if (!isStrictUtf8Text(body)) {
            throw new GatewayException(ErrorCode.MALFORMED_JSON, "error.MALFORMED_JSON.detail", List.of(),
                    List.of(Violation.of("body", "violation.json.encoding")), null);
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    static boolean isStrictUtf8Text(byte[] body) {
        try {
            CharBuffer text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\u0000') {
                    return false;
                }
            }
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
