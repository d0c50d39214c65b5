package io.egressmon.streams.query;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The point spacing of {@code GET /api/v1/bandwidth/series}, and the windows each point is made of. */
public enum Step {
    FIVE_MINUTES("5m", Duration.ofMinutes(5), Grain.FINE),
    HOUR("1h", Duration.ofHours(1), Grain.HOURLY),
    DAY("1d", Duration.ofDays(1), Grain.HOURLY);

    public static final Step DEFAULT = HOUR;

    private final String key;
    private final Duration size;
    private final Grain grain;

    Step(String key, Duration size, Grain grain) {
        this.key = key;
        this.size = size;
        this.grain = grain;
    }

    public String key() {
        return key;
    }

    public Duration size() {
        return size;
    }

    /** The windows a point adds up: 5-minute ones for 5m, hourly ones otherwise. */
    public Grain grain() {
        return grain;
    }

    /** @throws BadParameter naming {@code step} when {@code text} is not 5m, 1h or 1d */
    public static Step parse(String text) {
        for (Step s : values()) {
            if (s.key.equals(text)) {
                return s;
            }
        }
        throw new BadParameter("step", "step='" + text + "' is not one of "
                + Arrays.stream(values()).map(Step::key).collect(Collectors.joining(", ")));
    }
}
