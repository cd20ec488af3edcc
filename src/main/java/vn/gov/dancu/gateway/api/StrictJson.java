package vn.gov.dancu.gateway.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Reads JSON strictly: text after the value ({@code {"caseId":"A"}}}) and a key given twice
 * ({@code "mother"} twice in {@code parties}) are malformed JSON, not silently half-read. A
 * lenient parser would pick one of two mothers without telling anybody, and a proxy or
 * counter that reads the same bytes differently would see another request than we do.
 *
 * <p>Nor are scalars coerced: {@code "caseId": 5}, {@code true} or {@code 1.5} is a number or a
 * boolean where the contract says string, and Jackson would otherwise turn it into {@code "5"}
 * silently (a counter that sends numbers would lose leading zeros of a personal id one day). The
 * answer is 400 VALIDATION_FAILED naming the field.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        // Textual targets are not "scalar" for MapperFeature.ALLOW_COERCION_OF_SCALARS: name each shape.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }

    /**
     * Jackson reports trailing content as a mismatched input rather than a parse error; it is
     * still text that is not one JSON value, so the problem mapper treats it as malformed.
     */
    static boolean isTrailingContent(Throwable e) {
        return e instanceof MismatchedInputException && e.getMessage() != null
                && e.getMessage().startsWith("Trailing token");
    }
}
