package io.egressmon.api.bandwidth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.egressmon.api.BadParameter;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The point spacing of {@code GET /api/v1/bandwidth/series}. */
public enum Step {
    FIVE_MINUTES("5m", Duration.ofMinutes(5)),
    HOUR("1h", Duration.ofHours(1)),
    DAY("1d", Duration.ofDays(1));

    public static final Step DEFAULT = HOUR;
    public static final String PARAMETER = "step";

    private final String key;
    private final Duration size;

    Step(String key, Duration size) {
        this.key = key;
        this.size = size;
    }

    @JsonValue
    public String key() {
        return key;
    }

    public Duration size() {
        return size;
    }

    /** @throws BadParameter naming {@code step} when {@code text} is not 5m, 1h or 1d */
    @JsonCreator
    public static Step parse(String text) {
        for (Step s : values()) {
            if (s.key.equals(text)) {
                return s;
            }
        }
        throw new BadParameter(PARAMETER, "step='" + text + "' is not one of "
                + Arrays.stream(values()).map(Step::key).collect(Collectors.joining(", ")));
    }
}
