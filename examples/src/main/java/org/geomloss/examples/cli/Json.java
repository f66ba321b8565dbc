package org.geomloss.examples.cli;

import java.util.List;
import java.util.Map;

/**
 * Writes JSON (RFC 8259) from maps, lists, strings, numbers, booleans and {@code null}. Map entries
 * keep their iteration order (use a {@link java.util.LinkedHashMap}); non-finite numbers, which JSON
 * cannot hold, are written as {@code null}. Stateless and thread-safe.
 */
public final class Json {

    private Json() {
    }

    /** The JSON text of {@code value}, on one line. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value);
        return out.toString();
    }

    private static void append(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case String text -> string(out, text);
            case Boolean flag -> out.append(flag);
            case Double number -> out.append(Double.isFinite(number) ? number.toString() : "null");
            case Float number -> append(out, number.doubleValue());
            case Number number -> out.append(number);
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    out.append(first ? "" : ", ");
                    first = false;
                    string(out, String.valueOf(entry.getKey()));
                    out.append(": ");
                    append(out, entry.getValue());
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int k = 0; k < list.size(); k++) {
                    out.append(k > 0 ? ", " : "");
                    append(out, list.get(k));
                }
                out.append(']');
            }
            default -> string(out, value.toString());
        }
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
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
