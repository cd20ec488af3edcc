package vn.gov.dancu.gateway.procedure;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A value the form may take, derived from NPD data but never a fact: the declarant decides.
 *
 * @param target   the form field it is for ({@code child.ethnicity})
 * @param value    the proposed value
 * @param basisKey message key explaining why; rendered with {@code args} at the edge
 */
public record Suggestion(String target, JsonNode value, String basisKey, List<Object> args) {
}
