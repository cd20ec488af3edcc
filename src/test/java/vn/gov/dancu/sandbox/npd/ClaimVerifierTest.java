package vn.gov.dancu.sandbox.npd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;

import org.junit.jupiter.api.Test;

class ClaimVerifierTest {

    @Test
    void foldsNfdCaseAndAnyRunOfSpacesIncludingNoBreakSpaces() {
        String nfd = Normalizer.normalize("Nguyễn Thị Hoà", Normalizer.Form.NFD);
        assertEquals(ClaimVerifier.foldName("nguyễn thị hoà"), ClaimVerifier.foldName(" " + nfd.toUpperCase() + " "));
        assertEquals(ClaimVerifier.foldName("Trần Văn Nam"), ClaimVerifier.foldName("Trần\u00A0 Văn\tNam"));
    }

    @Test
    void keepsToneMarkPlacementAndDWithStrokeDistinct() {
        assertNotEquals(ClaimVerifier.foldName("Hòa"), ClaimVerifier.foldName("Hoà"));
        assertNotEquals(ClaimVerifier.foldName("Đức"), ClaimVerifier.foldName("Duc"));
    }

    @Test
    void comparesPartialDatesOnTheirCommonPrecision() {
        assertTrue(ClaimVerifier.partialDatesAgree("1952", "1952-07-15"));
        assertTrue(ClaimVerifier.partialDatesAgree("1952-07-15", "1952"));
        assertTrue(ClaimVerifier.partialDatesAgree("1990-05", "1990-05-12"));
        assertFalse(ClaimVerifier.partialDatesAgree("1990-06", "1990-05-12"));
        assertFalse(ClaimVerifier.partialDatesAgree("1990-05-13", "1990-05-12"));
    }
}
