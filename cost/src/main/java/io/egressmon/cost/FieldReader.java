package io.egressmon.cost;

import io.egressmon.cost.YamlNode.Entry;
import io.egressmon.cost.YamlNode.Mapping;
import io.egressmon.cost.YamlNode.Scalar;
import io.egressmon.cost.YamlNode.ScalarKind;
import io.egressmon.cost.YamlNode.Sequence;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/**
 * Reads a configuration file's typed values (price table, budgets) out of a {@link YamlNode} tree, reporting each value of the
 * wrong type, negative price and unknown key to {@link Problems} with its line, and carrying on so
 * that one run finds every problem. Each method returns null where there is no usable value.
 */
final class FieldReader {
    final Problems problems;
    private final String document;

    /** @param document what the file is, for a message about its top level: "the price table" */
    FieldReader(Problems problems, String document) {
        this.problems = problems;
        this.document = document;
    }

    /** A mapping; a key written with nothing after it is an empty mapping. */
    Mapping mapping(YamlNode node, String path) {
        if (node instanceof Scalar s && s.kind() == ScalarKind.NULL) {
            return new Mapping(Map.of(), s.where());
        }
        if (node == null || node instanceof Mapping) {
            return (Mapping) node;
        }
        wrongType(node, path, "a mapping (keys with values under them)", "indent the keys under " + last(path) + ":");
        return null;
    }

    Sequence list(YamlNode node, String path, String example) {
        if (node == null || node instanceof Sequence) {
            return (Sequence) node;
        }
        wrongType(node, path, "a list", "write it as a list, e.g. " + example);
        return null;
    }

    String text(YamlNode node, String path, String example) {
        if (node == null || node instanceof Scalar s && (s.kind() == ScalarKind.TEXT || s.kind() == ScalarKind.NUMBER)) {
            return node == null ? null : ((Scalar) node).text();
        }
        wrongType(node, path, "text", "write it as text, e.g. " + example);
        return null;
    }

    BigDecimal number(YamlNode node, String path, String example) {
        if (node == null) {
            return null;
        }
        if (node instanceof Scalar s && s.kind() == ScalarKind.NUMBER) {
            try {
                return new BigDecimal(s.text().replace("_", ""));
            } catch (NumberFormatException e) {
                // a YAML number Java does not read (hexadecimal, .inf): reported below as the wrong type
            }
        }
        wrongType(node, path, "a number", "write a plain decimal number, e.g. " + example);
        return null;
    }

    /** A price in dollars per unit: a number, 0 or more. */
    BigDecimal price(YamlNode node, String path) {
        return notNegative(node, path, "0.09", "a price is dollars per unit, 0 or more (write 0 for free)");
    }

    BigDecimal notNegative(YamlNode node, String path, String example, String fix) {
        BigDecimal n = number(node, path, example);
        if (n != null && n.signum() < 0) {
            problems.add(node.where(), path + " is negative (" + n.toPlainString() + ")", fix);
            return null;
        }
        return n;
    }

    /** Reports each key of {@code m} that is not one of {@code known}, with the nearest known one. */
    void onlyKeys(Mapping m, String path, Collection<String> known) {
        for (Entry e : m.entries().values()) {
            if (!known.contains(e.key())) {
                problems.add(e.keyWhere(), "unknown key '" + e.key() + "' in " + (path.isEmpty() ? document : path),
                        didYouMean(e.key(), known) + "known keys here: "
                                + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    /** Reports {@code key} missing from {@code m}; true when it is there. */
    boolean required(Mapping m, String key, String path, String fix) {
        if (m.get(key) == null) {
            problems.add(m.where(), path + " has no '" + key + "'", fix);
            return false;
        }
        return true;
    }

    /** The known name nearest to {@code name} (edit distance 2 or less, or a case difference), or null. */
    static String nearest(String name, Collection<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String k : known) {
            int d = k.equalsIgnoreCase(name) ? 0 : distance(name.toLowerCase(), k.toLowerCase());
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best;
    }

    /** "did you mean 'x'? " with the known name nearest to {@code name}, or nothing when none is near. */
    static String didYouMean(String name, Collection<String> known) {
        String nearest = nearest(name, known);
        return nearest != null ? "did you mean '" + nearest + "'? " : "";
    }

    static String last(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    static String oneOf(Collection<String> known) {
        return String.join(", ", known.stream().sorted().toList());
    }

    private void wrongType(YamlNode node, String path, String expected, String fix) {
        problems.add(node.where(), path + " must be " + expected + ", not " + node.describe(), fix);
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
