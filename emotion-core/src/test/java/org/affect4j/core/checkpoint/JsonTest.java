package org.affect4j.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    /** Every string written with quote() reads back the same through the strict parser (what JSONL writers rely on). */
    @Test
    void quotedStringsReadBackUnchanged() {
        for (String s : List.of("", "plain", "a \"quoted\" word", "back\\slash", "line\nbreak\r\ttab", "bell\u0007 and nul\u0000",
                "C:\\clips\\03-01-05-01-01-01-01.wav", "é ü 日本")) {
            String q = Json.quote(s);
            assertEquals(s, Json.parse(q), q);
            assertEquals(Map.of("k", s), Json.parse("{\"k\":" + q + "}"));
        }
        assertEquals("\"a\\\"b\\\\c\\n\\u0001\"", Json.quote("a\"b\\c\n\u0001"));
    }

    @Test
    void malformedTextIsRefusedWithItsOffset() {
        Json.JsonException e = assertThrows(Json.JsonException.class, () -> Json.parse("{\"k\": [1, 2,]}"));
        assertEquals(true, e.getMessage().matches(".*\\d+.*"), e.getMessage());
    }
}
