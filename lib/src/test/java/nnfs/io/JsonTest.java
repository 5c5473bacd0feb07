package nnfs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readsEveryKindOfValue() throws JsonException {
        Object value = Json.parse(" {\"a\": [1, -2.5e3, true, null], \"b\": \"x\\n\\u00e9\", \"c\": {}} ");
        assertEquals(Map.of("a", java.util.Arrays.asList(1L, -2500.0, true, null), "b", "x\né", "c", Map.of()),
                value);
    }

    @Test
    void doublesSurviveARoundTrip() throws JsonException {
        double[] values = {0.1, 1.0 / 3, 1e-300, -2.2250738585072014E-308, 9007199254740993.0};
        for (double v : values) {
            assertEquals(v, ((Number) ((List<?>) Json.parse(Json.write(List.of(v)))).get(0)).doubleValue(), 0.0);
        }
    }

    @Test
    void strictAboutWhatItAccepts() {
        assertError("{\"a\": 1, \"a\": 2}", "duplicate key \"a\" at character 9");
        assertError("[1, 2,]", "expected a value, got ']' at character 6");
        assertError("[01]", "expected no leading zeros in a number at character 2");
        assertError("{\"a\": 1} x", "expected the end of the text after the value at character 9");
        assertError("\"tab\there\"", "expected a control character to be escaped, got a raw one (code 9) at "
                + "character 4");
        assertError("[".repeat(65) + "]".repeat(65), "expected at most 64 levels of nesting at character 64");
        assertError("", "expected a value, got the end of the text at character 0");
    }

    @Test
    void digitsAreAsciiOnly() {
        // Found by the fuzzer: Character.isDigit accepted '\u0663' (the Arabic-Indic three), and Double.parseDouble
        // then threw a NumberFormatException instead of the parser's own error.
        for (String text : new String[] {"[0.0\u0663]", "[\u0663]", "[1e\u0663]", "[-\u0663]"}) {
            assertThrows(JsonException.class, () -> Json.parse(text), text);
        }
    }

    private static void assertError(String text, String message) {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(text));
        assertEquals(message, e.getMessage());
    }

    @Test
    void refusesNumbersJsonCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(Double.NaN)));
    }
}
