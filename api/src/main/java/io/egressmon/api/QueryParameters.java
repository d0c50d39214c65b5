package io.egressmon.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request's query parameters, one value each, read with the API's rules: a name the endpoint does
 * not know is refused rather than ignored ({@code day=30} silently meaning "the default 30 days" would
 * be a wrong answer to {@code day=7}), a name given twice is refused, and every malformed value is a
 * {@link BadParameter} naming it.
 */
public final class QueryParameters {
    /** The parameter naming one gateway, taken by the bandwidth, series and top-talkers endpoints. */
    public static final String GATEWAY = "gateway";

    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    /**
     * @param query   every value of every name, as the HTTP server decoded them
     * @param allowed the names the endpoint takes
     * @throws BadParameter for an unknown name or one given more than once
     */
    public static QueryParameters of(Map<String, ? extends Collection<String>> query, Set<String> allowed) {
        Map<String, String> values = new LinkedHashMap<>();
        query.forEach((name, all) -> {
            if (!allowed.contains(name)) {
                throw new BadParameter(name, unknownMessage(name, allowed));
            }
            if (all.size() > 1) {
                throw new BadParameter(name, name + " is given " + all.size() + " times; give it once");
            }
            values.put(name, all.iterator().next());
        });
        return new QueryParameters(values);
    }

    /** Single values, already checked (tests, internal callers). */
    public static QueryParameters of(Map<String, String> values) {
        return new QueryParameters(new LinkedHashMap<>(values));
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The raw value, or null. */
    public String raw(String name) {
        return values.get(name);
    }

    /** A whole number in {@code [min, max]}. @throws BadParameter naming {@code name} */
    public int integer(String name, int min, int max) {
        String text = values.get(name);
        int value;
        try {
            value = Integer.parseInt(text == null ? "" : text.trim());
        } catch (NumberFormatException e) {
            throw new BadParameter(name, name + "='" + text + "' is not a whole number; expected " + min + "-" + max);
        }
        if (value < min || value > max) {
            throw new BadParameter(name, name + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** {@code true} or {@code false}; {@code fallback} when absent. */
    public boolean bool(String name, boolean fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadParameter(name, name + "='" + v + "' is not true or false");
        };
    }

    /**
     * A time as people type it: {@code 2026-01-11T10:00:00Z}, an offset ({@code …+01:00}), a local
     * date-time (read as UTC, as the original scripts did) or a bare date (its midnight, UTC).
     */
    public Instant time(String name) {
        String text = values.get(name);
        if (text == null || text.isBlank()) {
            throw new BadParameter(name, name + " is empty; expected an ISO-8601 instant such as 2026-01-11T10:00:00Z");
        }
        try {
            // An unencoded '+' of an offset (…T10:00:00+01:00) arrives decoded as a space.
            return parseTime(text.trim().replace(' ', '+'));
        } catch (DateTimeException e) {
            throw new BadParameter(name, name + "='" + text + "' is not an ISO-8601 instant; expected e.g. "
                    + "2026-01-11T10:00:00Z, 2026-01-11T10:00:00+01:00 or 2026-01-11");
        }
    }

    /** {@link #time}'s forms, for flags too. @throws DateTimeException when {@code text} is none of them */
    public static Instant parseTime(String text) {
        try {
            return ApiJson.parseInstant(text);
        } catch (DateTimeException notTime) {
            return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
    }

    /** An exact ISO-8601 instant, required: the internal calls' bounds. */
    public Instant instant(String name) {
        String text = values.get(name);
        if (text == null) {
            throw new BadParameter(name, name + " is required");
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeException e) {
            throw new BadParameter(name, name + "='" + text + "' is not an ISO-8601 instant");
        }
    }

    /** A comma-separated list of partition numbers, required. */
    public Set<Integer> partitions(String name) {
        String text = values.get(name);
        if (text == null || text.isBlank()) {
            throw new BadParameter(name, name + " is required, e.g. " + name + "=0,3");
        }
        List<Integer> list = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                int p = Integer.parseInt(part.trim());
                if (p < 0) {
                    throw new NumberFormatException("negative");
                }
                list.add(p);
            } catch (NumberFormatException e) {
                throw new BadParameter(name, name + "='" + text + "' is not a comma-separated list of partition numbers");
            }
        }
        return new TreeSet<>(list);
    }

    static String unknownMessage(String name, Set<String> allowed) {
        StringBuilder message = new StringBuilder("unknown parameter '").append(name).append('\'');
        allowed.stream()
                .filter(candidate -> distance(candidate, name) <= 2)
                .min(Comparator.comparingInt((String candidate) -> distance(candidate, name)).thenComparing(c -> c))
                .ifPresent(candidate -> message.append(" (did you mean '").append(candidate).append("'?)"));
        if (allowed.isEmpty()) {
            return message.append("; this endpoint takes no parameters").toString();
        }
        return message.append("; expected one of ").append(String.join(", ", new TreeSet<>(allowed))).toString();
    }

    /** Levenshtein distance, for "did you mean". */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
