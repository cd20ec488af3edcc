package vn.gov.dancu.gateway.procedure;

import vn.gov.dancu.gateway.upstream.npd.NpdField;

/**
 * One field of a procedure's form, as the catalogue tells counter software to build it.
 *
 * @param key      dotted form key, e.g. {@code mother.fullName}
 * @param labelVi  the label printed on the official form
 * @param labelEn  an English label for vendors
 * @param fill     how the field gets its value
 * @param party    the party whose NPD record fills it ({@code null} when declared)
 * @param npdField the NPD property it comes from ({@code null} when declared)
 */
public record FormField(String key, String labelVi, String labelEn, Fill fill, PartyRole party, NpdField npdField) {

    /** Where a form field's value comes from. */
    public enum Fill {
        /** Copied from the NPD record of {@link #party()}; not editable by the officer. */
        PREFILLED,
        /** Proposed from the NPD data (see the response's suggestions); the declarant decides. */
        SUGGESTED,
        /** Declared by the citizen; the state holds no record of it. */
        DECLARED
    }

    static FormField npd(PartyRole party, String name, NpdField source, String vi, String en) {
        return new FormField(party.key() + "." + name, vi, en, Fill.PREFILLED, party, source);
    }

    static FormField suggested(String key, PartyRole party, NpdField source, String vi, String en) {
        return new FormField(key, vi, en, Fill.SUGGESTED, party, source);
    }

    static FormField declared(String key, String vi, String en) {
        return new FormField(key, vi, en, Fill.DECLARED, null, null);
    }
}
