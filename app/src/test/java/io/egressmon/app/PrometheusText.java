package io.egressmon.app;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict reader of Prometheus' text exposition format 0.0.4 (docs/metrics.md cites the rules), so
 * that a test of {@code /metrics} fails on anything Prometheus would refuse or misread: a line that
 * is neither a comment nor a sample; a metric or label name outside its alphabet; a label value with
 * an escape other than {@code \\ \" \n}; a value that is not a Go float ({@code NaN}, {@code +Inf}
 * included); a {@code TYPE} after its family's samples or twice; a family's samples not together; a
 * series twice; a histogram without its {@code +Inf} bucket, with buckets that decrease, or whose
 * {@code _count} is not its {@code +Inf} bucket. No Java parser of the format resolves from Maven
 * Central (Prometheus' Java client only writes it), hence this one.
 */
final class PrometheusText {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern FLOAT = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Pattern TIMESTAMP = Pattern.compile("-?\\d+");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** One sample line: its name (with a histogram's suffix), labels and value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    /** One family: its name as {@code TYPE} gives it, type, help and samples in order. */
    record Family(String name, String type, String help, List<Sample> samples) {
        /** The value of the one sample named {@code name} with exactly {@code labels}; fails when there is none. */
        double value(String name, Map<String, String> labels) {
            return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels)).findFirst()
                    .map(Sample::value).orElseThrow(() -> new AssertionError("no sample " + name + labels + " in " + this.name));
        }

        /** The sum of every sample named {@code name} whose labels include {@code labels}. */
        double sum(String name, Map<String, String> labels) {
            return samples.stream().filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                    .mapToDouble(Sample::value).sum();
        }
    }

    /** Thrown on the first line that breaks the format; says which and why. */
    static final class FormatError extends AssertionError {
        FormatError(int line, String text, String why) {
            super("line " + line + ": " + why + ": " + (text.length() > 200 ? text.substring(0, 200) + "…" : text));
        }
    }

    private final Map<String, Family> families = new LinkedHashMap<>();
    private final Map<String, String> types = new TreeMap<>();
    private final Map<String, String> helps = new TreeMap<>();
    private final Set<String> series = new java.util.HashSet<>();
    private String current;

    private PrometheusText() {
    }

    /** The families of {@code text}, by name, in their order. @throws FormatError on the first fault */
    static Map<String, Family> parse(String text) {
        PrometheusText p = new PrometheusText();
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new FormatError(0, "", "the text does not end with a line feed");
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            p.line(i + 1, lines[i]);
        }
        p.families.values().forEach(PrometheusText::checkFamily);
        return Collections.unmodifiableMap(p.families);
    }

    private void line(int n, String line) {
        if (line.isBlank()) {
            return;
        }
        if (line.startsWith("#")) {
            comment(n, line);
            return;
        }
        sample(n, line);
    }

    private void comment(int n, String line) {
        String[] parts = line.split(" ", 4);
        if (parts.length < 3 || !parts[0].equals("#") || !(parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
            return; // another comment
        }
        String name = parts[2];
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new FormatError(n, line, "bad metric name '" + name + "'");
        }
        if (parts[1].equals("TYPE")) {
            String type = parts.length > 3 ? parts[3] : "";
            if (!TYPES.contains(type)) {
                throw new FormatError(n, line, "unknown type '" + type + "'");
            }
            if (types.containsKey(name)) {
                throw new FormatError(n, line, "a second TYPE for " + name);
            }
            if (families.containsKey(name)) {
                throw new FormatError(n, line, "TYPE after the samples of " + name);
            }
            types.put(name, type);
        } else {
            if (helps.containsKey(name)) {
                throw new FormatError(n, line, "a second HELP for " + name);
            }
            String help = parts.length > 3 ? parts[3] : "";
            helps.put(name, unescapeHelp(n, line, help));
        }
    }

    private void sample(int n, String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new FormatError(n, line, "bad metric name '" + name + "'");
        }
        Map<String, String> labels = new TreeMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i = labels(n, line, i + 1, labels);
        }
        if (i >= line.length() || line.charAt(i) != ' ') {
            throw new FormatError(n, line, "no space before the value");
        }
        String[] rest = line.substring(i + 1).split(" ", -1);
        if (rest.length > 2 || rest[0].isEmpty()) {
            throw new FormatError(n, line, "expected a value and at most a timestamp");
        }
        double value = value(n, line, rest[0]);
        if (rest.length == 2 && !TIMESTAMP.matcher(rest[1]).matches()) {
            throw new FormatError(n, line, "bad timestamp '" + rest[1] + "'");
        }
        String family = familyOf(name);
        Family f = families.get(family);
        if (f == null) {
            f = new Family(family, types.getOrDefault(family, "untyped"), helps.get(family), new ArrayList<>());
            families.put(family, f);
        } else if (!family.equals(current)) {
            throw new FormatError(n, line, "the samples of " + family + " are not together");
        }
        current = family;
        if (!series.add(name + labels)) {
            throw new FormatError(n, line, "the series " + name + labels + " twice");
        }
        f.samples().add(new Sample(name, Collections.unmodifiableMap(labels), value));
    }

    /** The family a sample belongs to: a histogram's or summary's when its name is one with a suffix. */
    private String familyOf(String name) {
        for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                String type = types.get(base);
                if ("histogram".equals(type) || ("summary".equals(type) && !suffix.equals("_bucket"))) {
                    return base;
                }
            }
        }
        return name;
    }

    private static int labels(int n, String line, int i, Map<String, String> labels) {
        while (true) {
            if (i < line.length() && line.charAt(i) == '}') {
                return i + 1;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0) {
                throw new FormatError(n, line, "a label without '='");
            }
            String label = line.substring(i, eq);
            if (!LABEL_NAME.matcher(label).matches() || label.startsWith("__")) {
                throw new FormatError(n, line, "bad label name '" + label + "'");
            }
            if (eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                throw new FormatError(n, line, "label value of " + label + " not quoted");
            }
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            while (true) {
                if (j >= line.length()) {
                    throw new FormatError(n, line, "label value of " + label + " not closed");
                }
                char c = line.charAt(j);
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    char e = j + 1 < line.length() ? line.charAt(j + 1) : ' ';
                    switch (e) {
                        case '\\' -> value.append('\\');
                        case '"' -> value.append('"');
                        case 'n' -> value.append('\n');
                        default -> throw new FormatError(n, line, "bad escape \\" + e + " in the value of " + label);
                    }
                    j += 2;
                } else {
                    value.append(c);
                    j++;
                }
            }
            if (labels.put(label, value.toString()) != null) {
                throw new FormatError(n, line, "label " + label + " twice");
            }
            i = j + 1;
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            } else if (i >= line.length() || line.charAt(i) != '}') {
                throw new FormatError(n, line, "expected ',' or '}' after the value of " + label);
            }
        }
    }

    private static double value(int n, String line, String text) {
        switch (text) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                if (!FLOAT.matcher(text).matches()) {
                    throw new FormatError(n, line, "bad value '" + text + "'");
                }
                return Double.parseDouble(text);
        }
    }

    private static String unescapeHelp(int n, String line, String help) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < help.length(); i++) {
            char c = help.charAt(i);
            if (c == '\\') {
                char e = i + 1 < help.length() ? help.charAt(i + 1) : ' ';
                switch (e) {
                    case '\\' -> out.append('\\');
                    case 'n' -> out.append('\n');
                    default -> throw new FormatError(n, line, "bad escape \\" + e + " in HELP");
                }
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A counter's values are not negative; a histogram's series each have +Inf, rising buckets, _count = +Inf, a _sum. */
    private static void checkFamily(Family f) {
        for (Sample s : f.samples()) {
            if (f.type().equals("counter") && !(s.value() >= 0)) {
                throw new AssertionError("counter " + s.name() + s.labels() + " is " + s.value());
            }
            if (!f.type().equals("histogram") && !f.type().equals("summary") && !s.name().equals(f.name())) {
                throw new AssertionError("sample " + s.name() + " in family " + f.name());
            }
        }
        if (!f.type().equals("histogram")) {
            return;
        }
        Map<Map<String, String>, TreeMap<Double, Double>> buckets = new LinkedHashMap<>();
        Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
        Map<Map<String, String>, Double> sums = new LinkedHashMap<>();
        for (Sample s : f.samples()) {
            if (s.name().equals(f.name() + "_bucket")) {
                Map<String, String> series = new TreeMap<>(s.labels());
                String le = series.remove("le");
                if (le == null) {
                    throw new AssertionError(f.name() + ": a bucket without le: " + s);
                }
                double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                buckets.computeIfAbsent(series, k -> new TreeMap<>()).put(bound, s.value());
            } else if (s.name().equals(f.name() + "_count")) {
                counts.put(s.labels(), s.value());
            } else if (s.name().equals(f.name() + "_sum")) {
                sums.put(s.labels(), s.value());
            } else {
                throw new AssertionError("sample " + s.name() + " in histogram " + f.name());
            }
        }
        for (Map.Entry<Map<String, String>, TreeMap<Double, Double>> e : buckets.entrySet()) {
            TreeMap<Double, Double> b = e.getValue();
            if (!b.containsKey(Double.POSITIVE_INFINITY)) {
                throw new AssertionError(f.name() + e.getKey() + ": no +Inf bucket");
            }
            double last = 0;
            for (double v : b.values()) {
                if (v < last) {
                    throw new AssertionError(f.name() + e.getKey() + ": buckets decrease: " + b);
                }
                last = v;
            }
            Double count = counts.get(e.getKey());
            if (count == null || count.doubleValue() != b.get(Double.POSITIVE_INFINITY)) {
                throw new AssertionError(f.name() + e.getKey() + ": _count " + count + " is not the +Inf bucket " + b);
            }
            if (!sums.containsKey(e.getKey())) {
                throw new AssertionError(f.name() + e.getKey() + ": no _sum");
            }
        }
        if (!buckets.keySet().equals(counts.keySet())) {
            throw new AssertionError(f.name() + ": series with _count but no buckets: " + counts.keySet());
        }
    }
}
