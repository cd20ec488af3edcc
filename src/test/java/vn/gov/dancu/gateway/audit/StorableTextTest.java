package vn.gov.dancu.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What PostgreSQL refuses in text (U+0000, unpaired surrogates) is replaced, visibly, and nothing else is touched. */
class StorableTextTest {

    @Test
    void replacesNulAndUnpairedSurrogatesWithTheReplacementCharacter() {
        assertEquals("HS-1\uFFFD2", StorableText.of("HS-1\u00002"));
        assertEquals("a\uFFFDb", StorableText.of("a\uD800b"), "a high surrogate alone");
        assertEquals("a\uFFFDb", StorableText.of("a\uDC00b"), "a low surrogate alone");
        assertEquals("\uFFFD", StorableText.of("\uD800"), "a high surrogate at the end");
        assertEquals("\uFFFD\uFFFD", StorableText.of("\uDC00\uD800"), "a reversed pair");
    }

    @Test
    void leavesStorableTextAsItIs() {
        String vietnamese = "Nguyễn Thị Lan — Đồng Nai 😀";
        assertSame(vietnamese, StorableText.of(vietnamese), "no copy when there is nothing to replace");
        assertTrue(StorableText.storable(vietnamese));
        assertFalse(StorableText.storable("x\u0000"));
        assertEquals(null, StorableText.of((String) null));
    }
}
