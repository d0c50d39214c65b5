package io.egressmon.api.talkers;

import io.egressmon.api.BadParameter;
import io.egressmon.api.QueryParameters;
import java.util.Arrays;
import java.util.Locale;

/**
 * Where top talkers come from: CoPilot's FlowIQ aggregates (hourly, the original scripts' source), or
 * the flows our own collector received (to the minute). Parameter {@code source=flowiq|netflow}.
 */
public enum TalkerSource {
    FLOWIQ, NETFLOW;

    public static final String PARAMETER = "source";

    /** As written in a query and in answers. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code source=…}, or FlowIQ when absent. @throws BadParameter naming {@code source} */
    public static TalkerSource parse(QueryParameters params) {
        return params.has(PARAMETER) ? fromKey(params.raw(PARAMETER)) : FLOWIQ;
    }

    /** @throws BadParameter naming {@code source} */
    public static TalkerSource fromKey(String key) {
        for (TalkerSource s : values()) {
            if (s.key().equals(key)) {
                return s;
            }
        }
        throw new BadParameter(PARAMETER, "unknown source '" + key + "'; expected one of "
                + String.join(", ", Arrays.stream(values()).map(TalkerSource::key).toList()));
    }
}
