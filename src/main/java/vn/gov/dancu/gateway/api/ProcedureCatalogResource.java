package vn.gov.dancu.gateway.api;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import vn.gov.dancu.gateway.procedure.FormField;
import vn.gov.dancu.gateway.procedure.PartySpec;
import vn.gov.dancu.gateway.procedure.Procedure;
import vn.gov.dancu.gateway.procedure.ProcedureDefinition;
import vn.gov.dancu.gateway.security.Callers;
import vn.gov.dancu.gateway.upstream.npd.NpdField;

/**
 * {@code GET /api/v1/procedures} (spec §5): the catalogue counter software builds its forms from.
 * It is rendered from the same definitions that drive prefill, so the two cannot disagree.
 */
@Path("/api/v1/procedures")
@Authenticated
public class ProcedureCatalogResource {

    @Inject
    Callers callers;

    public record Catalogue(List<Entry> procedures) {
    }

    public record Entry(String code, String pathSegment, String name, String nameEn, String legalBasis, String role,
            Integer requiredIdentityLevel, List<PartyEntry> parties, List<FieldEntry> formFields,
            double prefilledShare) {
    }

    public record PartyEntry(String role, boolean required, List<String> npdFields) {
    }

    /**
     * @param fill     PREFILLED (from {@code party}'s NPD field), SUGGESTED or DECLARED
     * @param npdField the NPD property that fills or informs it, when any
     */
    public record FieldEntry(String key, String label, String labelEn, String fill, String party, String npdField) {
    }

    /** {@code name} and {@code label} in the language {@code Accept-Language} picks (Vietnamese by default). */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Catalogue list(@Context HttpHeaders headers) {
        callers.current();
        boolean english = Locale.ENGLISH.equals(Messages.choose(headers.getAcceptableLanguages()));
        return new Catalogue(Arrays.stream(Procedure.values()).map(p -> entry(p, english)).toList());
    }

    private static Entry entry(Procedure p, boolean english) {
        ProcedureDefinition d = p.definition();
        return new Entry(p.code(), p.pathSegment(), english ? d.nameEn() : d.nameVi(), d.nameEn(), d.legalBasis(),
                p.role(), d.requiredIdentityLevel().orElse(null),
                d.parties().stream().map(ProcedureCatalogResource::party).toList(),
                d.formFields().stream().map(f -> field(f, english)).toList(), prefilledShare(d));
    }

    /**
     * Spec §5.1: PREFILLED fields ÷ form fields, to two decimals. The form lists only fields of
     * the official form (the NPD's marital status, say, is not one), so the share is the form's.
     */
    static double prefilledShare(ProcedureDefinition d) {
        long prefilled = d.formFields().stream().filter(f -> f.fill() == FormField.Fill.PREFILLED).count();
        return Math.round(100.0 * prefilled / d.formFields().size()) / 100.0;
    }

    private static PartyEntry party(PartySpec s) {
        return new PartyEntry(s.role().key(), s.required(), s.fields().stream().map(NpdField::jsonName).toList());
    }

    private static FieldEntry field(FormField f, boolean english) {
        return new FieldEntry(f.key(), english ? f.labelEn() : f.labelVi(), f.labelEn(), f.fill().name(),
                f.party() == null ? null : f.party().key(), f.npdField() == null ? null : f.npdField().jsonName());
    }
}
