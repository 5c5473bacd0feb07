package nnfs.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader and writer for the library's own files (model architectures, safetensors headers).
 *
 * <p>Reading gives {@code Map<String, Object>} (in file order), {@code List<Object>}, {@code String}, {@code Long}
 * (integers that fit), {@code Double} (other numbers), {@code Boolean} and {@code null}. It is strict on purpose,
 * because these files may come from anyone: duplicate keys, trailing commas, comments, leading zeros, unescaped
 * control characters, nesting deeper than {@value #MAX_DEPTH} levels and anything after the value are all errors,
 * reported with their position.
 */
public final class Json {

    /** The deepest nesting of arrays and objects accepted. */
    public static final int MAX_DEPTH = 64;

    private final String text;
    private int pos;

    private Json(String text) {
        this.text = text;
    }

    /** Parses one JSON value that must fill the whole text (white space around it aside). */
    public static Object parse(String text) throws JsonException {
        if (text == null) {
            throw new JsonException("expected JSON text, got null");
        }
        Json parser = new Json(text);
        parser.skipWhitespace();
        Object value = parser.readValue(0);
        parser.skipWhitespace();
        if (parser.pos != text.length()) {
            throw parser.error("expected the end of the text after the value");
        }
        return value;
    }

    private Object readValue(int depth) throws JsonException {
        if (pos >= text.length()) {
            throw error("expected a value, got the end of the text");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return readObject(depth + 1);
            case '[':
                return readArray(depth + 1);
            case '"':
                return readString();
            case 't':
                return readLiteral("true", Boolean.TRUE);
            case 'f':
                return readLiteral("false", Boolean.FALSE);
            case 'n':
                return readLiteral("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return readNumber();
                }
                throw error("expected a value, got '" + printable(c) + "'");
        }
    }

    private Map<String, Object> readObject(int depth) throws JsonException {
        checkDepth(depth);
        pos++; // {
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a key in double quotes");
            }
            int keyAt = pos;
            String key = readString();
            if (map.containsKey(key)) {
                pos = keyAt;
                throw error("duplicate key \"" + key + "\"");
            }
            skipWhitespace();
            expect(':');
            skipWhitespace();
            map.put(key, readValue(depth));
            skipWhitespace();
            char c = next("',' or '}'");
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}', got '" + printable(c) + "'");
            }
        }
    }

    private List<Object> readArray(int depth) throws JsonException {
        checkDepth(depth);
        pos++; // [
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipWhitespace();
            list.add(readValue(depth));
            skipWhitespace();
            char c = next("',' or ']'");
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']', got '" + printable(c) + "'");
            }
        }
    }

    private String readString() throws JsonException {
        pos++; // opening quote
        StringBuilder s = new StringBuilder();
        while (true) {
            char c = next("a closing '\"'");
            if (c == '"') {
                return s.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("expected a control character to be escaped, got a raw one (code " + (int) c + ")");
            }
            if (c != '\\') {
                s.append(c);
                continue;
            }
            char e = next("an escape character");
            switch (e) {
                case '"', '\\', '/' -> s.append(e);
                case 'b' -> s.append('\b');
                case 'f' -> s.append('\f');
                case 'n' -> s.append('\n');
                case 'r' -> s.append('\r');
                case 't' -> s.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw error("expected four hex digits after \\u");
                    }
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = Character.digit(text.charAt(pos++), 16);
                        if (d < 0) {
                            pos--;
                            throw error("expected a hex digit in a \\u escape");
                        }
                        code = code * 16 + d;
                    }
                    s.append((char) code);
                }
                default -> {
                    pos--;
                    throw error("expected a valid escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX), got '\\"
                            + printable(e) + "'");
                }
            }
        }
    }

    private Object readNumber() throws JsonException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
            if (isAsciiDigit(peek())) {
                throw error("expected no leading zeros in a number");
            }
        } else {
            requireDigits();
        }
        boolean integer = true;
        if (peek() == '.') {
            integer = false;
            pos++;
            requireDigits();
        }
        if (peek() == 'e' || peek() == 'E') {
            integer = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            requireDigits();
        }
        String token = text.substring(start, pos);
        if (integer && token.length() <= 18) {
            return Long.parseLong(token);
        }
        if (integer) {
            try {
                return Long.parseLong(token);
            } catch (NumberFormatException tooBig) {
                // Falls through: an integer beyond the long range is read as a double.
            }
        }
        return Double.parseDouble(token);
    }

    /** JSON's digits are 0-9 only; Character.isDigit would also let through other scripts' digits (such as '٣'). */
    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void requireDigits() throws JsonException {
        if (!isAsciiDigit(peek())) {
            throw error("expected a digit");
        }
        while (isAsciiDigit(peek())) {
            pos++;
        }
    }

    private Object readLiteral(String word, Object value) throws JsonException {
        if (!text.startsWith(word, pos)) {
            throw error("expected '" + word + "'");
        }
        pos += word.length();
        return value;
    }

    private void checkDepth(int depth) throws JsonException {
        if (depth > MAX_DEPTH) {
            throw error("expected at most " + MAX_DEPTH + " levels of nesting");
        }
    }

    private void expect(char c) throws JsonException {
        char got = next("'" + c + "'");
        if (got != c) {
            pos--;
            throw error("expected '" + c + "', got '" + printable(got) + "'");
        }
    }

    private char next(String expected) throws JsonException {
        if (pos >= text.length()) {
            throw error("expected " + expected + ", got the end of the text");
        }
        return text.charAt(pos++);
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private JsonException error(String message) {
        return new JsonException(message + " at character " + pos);
    }

    private static String printable(char c) {
        return c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    /**
     * Writes a value made of maps, lists, strings, numbers, booleans and nulls. Doubles are written so that they read
     * back to the same bits; NaN and infinities, which JSON cannot hold, are refused.
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            writeString(s, out);
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("Json.write: expected a finite number, got " + d);
            }
            out.append(d);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeString(String.valueOf(e.getKey()), out);
                out.append(':');
                write(e.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("Json.write: expected a map, list, string, number, boolean or null, got "
                    + value.getClass().getName());
        }
    }

    private static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
