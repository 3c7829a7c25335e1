package dev.mica.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void writesAndReadsBack() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("s", "a\"b\\c\n\u0001</script>");
        value.put("n", 42L);
        value.put("f", 1.5);
        value.put("b", true);
        value.put("z", null);
        value.put("l", List.of(1L, "x"));
        String text = Json.write(value);
        assertEquals("{\"s\":\"a\\\"b\\\\c\\n\\u0001\\u003c/script>\",\"n\":42,\"f\":1.5,\"b\":true,\"z\":null,\"l\":[1,\"x\"]}", text);
        assertEquals(value, Json.parse(text));
        assertEquals("é", Json.parse("\"\\u00e9\""));
    }

    @Test
    void refusesMalformedAndTooDeepInput() {
        for (String bad : new String[] {"", "{", "{\"a\":}", "[1,]", "tru", "\"x", "{} x", "{'a':1}", "01x"}) {
            assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
        }
        char[] deep = new char[200];
        Arrays.fill(deep, '[');
        assertThrows(IllegalArgumentException.class, () -> Json.parse(new String(deep)));
        assertThrows(IllegalArgumentException.class, () -> Json.parseObject("[1]"));
    }
}
