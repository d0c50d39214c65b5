package io.egressmon.api;

import java.util.List;

/**
 * Rows as Python's {@code csv.writer} writes them with the default "excel" dialect, which is what the
 * original scripts used: comma-separated, {@code \r\n} after every row, and {@code QUOTE_MINIMAL} —
 * a field is double-quoted only when it holds a comma, a double quote, {@code \r} or {@code \n}, with
 * inner quotes doubled. Null is written as an empty field, as Python writes {@code None}.
 */
public final class PythonCsv {
    /** The excel dialect's line terminator, written after every row including the last. */
    public static final String LINE_END = "\r\n";

    private PythonCsv() {
    }

    /** One row, terminator included. */
    public static String row(List<?> fields) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields.get(i)));
        }
        // Python quotes a lone empty field so the row is not mistaken for a blank line.
        if (fields.size() == 1 && field(fields.get(0)).isEmpty()) {
            out.append("\"\"");
        }
        return out.append(LINE_END).toString();
    }

    /** One field, quoted when QUOTE_MINIMAL would. */
    public static String field(Object value) {
        String s = value == null ? "" : value.toString();
        boolean needsQuotes = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0;
        return needsQuotes ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
