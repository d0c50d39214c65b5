package io.egressmon.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/**
 * How a setting's text becomes its value, and how the value is shown again. A parser throws
 * {@link IllegalArgumentException} with the reason only ("is not a whole number"); the reader puts the
 * setting's name and the text in front (never the text of a secret).
 *
 * @param parse text (stripped, not blank) to value
 * @param show  value to text, as documented and logged
 * @param echo  the text as an error message may repeat it: itself, redacted, or null for never (a secret)
 */
public record Kind<T>(Function<String, T> parse, Function<T, String> show, Function<String, String> echo) {

    public static final Kind<String> TEXT = new Kind<>(s -> s, s -> s, s -> s);
    public static final Kind<Secret> SECRET = new Kind<>(Secret::of, s -> "***", s -> null);
    public static final Kind<Path> PATH = new Kind<>(Path::of, Path::toString, s -> s);
    public static final Kind<Boolean> BOOLEAN = new Kind<>(Kind::bool, String::valueOf, s -> s);
    /** An http(s) URL with a host and no credentials, trailing slashes dropped. */
    public static final Kind<String> HTTP_URL = new Kind<>(
            s -> Urls.http(s, "this client sends none; use a URL without user:password@").toString(),
            s -> s, Urls::withoutUserInfo);

    /** A whole number in {@code [min, max]}. */
    public static Kind<Integer> integer(int min, int max) {
        return new Kind<>(s -> {
            int v;
            try {
                v = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("is not a whole number");
            }
            if (v < min || v > max) {
                throw new IllegalArgumentException(max == Integer.MAX_VALUE ? "must be " + min + " or more"
                        : "must be between " + min + " and " + max);
            }
            return v;
        }, String::valueOf, s -> s);
    }

    /** A duration of at least {@code min} ({@link Durations}' syntax). */
    public static Kind<Duration> duration(Duration min) {
        return new Kind<>(s -> {
            Duration d = Durations.parse(s);
            if (d.compareTo(min) < 0) {
                throw new IllegalArgumentException("is too small: use at least " + Durations.show(min));
            }
            return d;
        }, Durations::show, s -> s);
    }

    private static boolean bool(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException("is not a boolean: use true or false");
        };
    }
}
