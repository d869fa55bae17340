package dev.inspectorate.rest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StorableTextTest {

    @Test
    void textXmlAndPostgresqlAcceptIsStorable() {
        for (String s : new String[] {"", "plain", "tab\there", "lines\r\nand\nmore", "Gŵyr ≥ 😀", "\u0085 \u007F \uFFFD",
            "\u202Eevil\u202C"}) {
            assertTrue(StorableText.storable(s), s);
        }
    }

    @Test
    void nulOtherControlCharactersNonCharactersAndLoneSurrogatesAreNot() {
        for (String s : new String[] {"a\u0000b", "a\u0001b", "a\u000Bb", "a\u000Cb", "a\u001Fb", "a\uFFFEb", "a\uFFFFb",
            "a\uD800b", "a\uDC00b", "end\uD83D"}) {
            assertFalse(StorableText.storable(s), () -> s.chars().mapToObj(Integer::toHexString).toList().toString());
        }
    }
}
