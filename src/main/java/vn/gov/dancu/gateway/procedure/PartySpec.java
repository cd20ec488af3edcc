package vn.gov.dancu.gateway.procedure;

import java.util.List;
import vn.gov.dancu.gateway.upstream.npd.NpdField;

/**
 * What a procedure asks of one party: whether the role is required and exactly which NPD
 * fields may be requested for it (data minimisation — the NPD logs every field asked for).
 */
public record PartySpec(PartyRole role, boolean required, List<NpdField> fields) {

    public PartySpec {
        fields = List.copyOf(fields);
    }
}
