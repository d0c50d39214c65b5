package io.egressmon.app;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads, found by a small tokenizer rather than a parser (no
 * Java PromQL parser resolves from Maven Central; {@code GrafanaDashboardIT} has a real Prometheus
 * judge the expressions). A metric name is an identifier that is not followed by {@code (} (a
 * function or an aggregation), not a keyword, not inside {@code {…}} (label matchers, where only
 * {@code __name__="…"} names a metric), {@code […]} (ranges, subqueries), a {@code by/without/on/
 * ignoring/group_left/group_right (…)} label list or a string, and not a Grafana variable
 * ({@code $name}, {@code ${name}}, {@code [[name]]}). Names are kept as written: {@code x_bucket}
 * stays {@code x_bucket}, since that is the series Prometheus stores and the scrape must carry.
 */
final class PromQl {
    /** Keywords that may stand where a name could; PromQL reads them case-insensitively. */
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");
    /** Keywords followed by a parenthesised list of label names. */
    private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Pattern NAME_MATCHER = Pattern.compile("__name__\\s*=\\s*[\"'`]([a-zA-Z_:][a-zA-Z0-9_:]*)[\"'`]");

    private final String text;
    private int i;
    private final Set<String> names = new TreeSet<>();

    private PromQl(String text) {
        this.text = text;
    }

    /** Every metric name {@code expr} reads, sorted. @throws IllegalArgumentException on an unclosed string or bracket */
    static Set<String> metricNames(String expr) {
        PromQl q = new PromQl(expr);
        q.scan();
        return q.names;
    }

    private void scan() {
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                string();
            } else if (c == '#') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '$') {
                variable();
            } else if (c == '[') {
                i = closing(i, '[', ']') + 1; // a range or a subquery; [[var]] too
            } else if (c == '{') {
                matchers();
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1)))) {
                number();
            } else if (identifierStart(c)) {
                identifier();
            } else {
                i++; // operators, parentheses, commas, blanks
            }
        }
    }

    private void identifier() {
        int start = i;
        while (i < text.length() && identifierPart(text.charAt(i))) {
            i++;
        }
        String word = text.substring(start, i);
        String lower = word.toLowerCase(Locale.ROOT);
        int next = skipBlanks(i);
        // `sum by (le) (x)`: an aggregation whose grouping comes first is followed by a word, not `(`.
        boolean call = next < text.length() && text.charAt(next) == '('
                || text.regionMatches(true, next, "by", 0, 2) && isListAt(next + 2)
                || text.regionMatches(true, next, "without", 0, 7) && isListAt(next + 7);
        if (LABEL_LISTS.contains(lower)) {
            if (call) {
                i = closing(next, '(', ')') + 1;
            }
        } else if (!call && !KEYWORDS.contains(lower)) {
            names.add(word);
        }
    }

    /** {@code {label="v", …}}: skipped, except {@code __name__="metric"}. */
    private void matchers() {
        int end = closing(i, '{', '}');
        String inside = text.substring(i + 1, end);
        Matcher m = NAME_MATCHER.matcher(inside);
        while (m.find()) {
            names.add(m.group(1));
        }
        i = end + 1;
    }

    /** A number or a duration: {@code 0.99}, {@code 1e-3}, {@code 0x1f}, {@code 5m}, {@code 1h30m}. */
    private void number() {
        int start = i;
        while (i < text.length()) {
            char c = text.charAt(i);
            char before = text.charAt(i - 1);
            if (Character.isLetterOrDigit(c) || c == '.' || c == '_') {
                i++;
            } else if ((c == '+' || c == '-') && (before == 'e' || before == 'E')
                    && !text.regionMatches(true, start, "0x", 0, 2)) {
                i++; // an exponent's sign
            } else {
                break;
            }
        }
    }

    /** {@code $name}, {@code ${name}} or {@code ${name:format}}, {@code $__rate_interval}. */
    private void variable() {
        i++;
        if (i < text.length() && text.charAt(i) == '{') {
            i = closing(i, '{', '}') + 1;
            return;
        }
        while (i < text.length() && identifierPart(text.charAt(i)) && text.charAt(i) != ':') {
            i++;
        }
    }

    private void string() {
        char quote = text.charAt(i);
        int j = i + 1;
        while (j < text.length() && text.charAt(j) != quote) {
            j += (text.charAt(j) == '\\' && quote != '`') ? 2 : 1;
        }
        if (j >= text.length()) {
            throw new IllegalArgumentException("unclosed string at " + i + " in " + text);
        }
        i = j + 1;
    }

    /** The index of the bracket that closes the one at {@code from}, strings inside skipped. */
    private int closing(int from, char open, char close) {
        int depth = 0;
        int j = from;
        while (j < text.length()) {
            char c = text.charAt(j);
            if (c == '"' || c == '\'' || c == '`') {
                int saved = i;
                i = j;
                string();
                j = i;
                i = saved;
                continue;
            }
            if (c == open) {
                depth++;
            } else if (c == close && --depth == 0) {
                return j;
            }
            j++;
        }
        throw new IllegalArgumentException("unclosed '" + open + "' at " + from + " in " + text);
    }

    /** Whether a keyword ending at {@code j} is a whole word followed by {@code (}. */
    private boolean isListAt(int j) {
        if (j < text.length() && identifierPart(text.charAt(j))) {
            return false;
        }
        int next = skipBlanks(j);
        return next < text.length() && text.charAt(next) == '(';
    }

    private int skipBlanks(int j) {
        while (j < text.length() && Character.isWhitespace(text.charAt(j))) {
            j++;
        }
        return j;
    }

    private static boolean identifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    }

    private static boolean identifierPart(char c) {
        return identifierStart(c) || (c >= '0' && c <= '9');
    }
}
