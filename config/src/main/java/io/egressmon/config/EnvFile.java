package io.egressmon.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code .env} file as the original scripts' {@code python-dotenv} reads it: {@code KEY=VALUE}
 * lines, blank lines and {@code #} comments, an optional {@code export } prefix, values optionally in
 * single or double quotes (double quotes understand {@code \n}, {@code \"} and {@code \\}), and
 * {@code  # comment} after an unquoted value. Errors name the file and line but never echo the line
 * (it may hold a password).
 */
public final class EnvFile {
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
    private static final Pattern COMMENT = Pattern.compile("\\s#");

    private EnvFile() {
    }

    /** @throws IllegalArgumentException when the file cannot be read or a line is not {@code KEY=VALUE} */
    public static Map<String, String> read(Path file) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("--env " + file + ": file not found or not readable");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read env file " + file + ": " + e, e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = "line " + (i + 1) + " of " + file;
            if (line.startsWith("export") && line.length() > 6 && Character.isWhitespace(line.charAt(6))) {
                line = line.substring(7).stripLeading();
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException(where + ": expected KEY=VALUE");
            }
            String key = line.substring(0, eq).strip();
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException(where + ": the text before '=' is not a variable name "
                        + "(letters, digits, _ and ., not starting with a digit)");
            }
            values.put(key, value(line.substring(eq + 1).strip(), where));
        }
        return values;
    }

    private static String value(String raw, String where) {
        if (raw.startsWith("\"")) {
            StringBuilder out = new StringBuilder();
            int i = 1;
            for (; i < raw.length(); i++) {
                char ch = raw.charAt(i);
                if (ch == '\\' && i + 1 < raw.length()) {
                    char next = raw.charAt(++i);
                    out.append(switch (next) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        default -> next;
                    });
                } else if (ch == '"') {
                    break;
                } else {
                    out.append(ch);
                }
            }
            if (i >= raw.length()) {
                throw new IllegalArgumentException(where + ": the double quote is not closed");
            }
            requireOnlyComment(raw.substring(i + 1), where);
            return out.toString();
        }
        if (raw.startsWith("'")) {
            int close = raw.indexOf('\'', 1);
            if (close < 0) {
                throw new IllegalArgumentException(where + ": the single quote is not closed");
            }
            requireOnlyComment(raw.substring(close + 1), where);
            return raw.substring(1, close);
        }
        Matcher comment = COMMENT.matcher(raw);
        return comment.find() ? raw.substring(0, comment.start()).strip() : raw;
    }

    private static void requireOnlyComment(String rest, String where) {
        String r = rest.strip();
        if (!r.isEmpty() && !r.startsWith("#")) {
            throw new IllegalArgumentException(where + ": unexpected text after the closing quote");
        }
    }
}
