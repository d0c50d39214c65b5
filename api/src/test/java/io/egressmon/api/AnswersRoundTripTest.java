package io.egressmon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.egressmon.api.bandwidth.BandwidthAnswer;
import io.egressmon.api.bandwidth.BandwidthPartial;
import io.egressmon.api.bandwidth.SeriesAnswer;
import io.egressmon.api.talkers.TalkersPartial;
import io.egressmon.api.talkers.TopTalkersAnswer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The records are the wire: every answer the server sent before the records existed (samples taken
 * from app's golden files) reads into its record and writes back to the very same bytes.
 */
@DisplayName("Answers read into their records and write back byte for byte")
class AnswersRoundTripTest {

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("bandwidth-week", BandwidthAnswer.class),
                Arguments.of("bandwidth-by-cloud", BandwidthAnswer.class),
                Arguments.of("bandwidth-gateway-not-in-inventory", BandwidthAnswer.class),
                Arguments.of("series-fine", SeriesAnswer.class),
                Arguments.of("series-not-in-inventory", SeriesAnswer.class),
                Arguments.of("gateways", GatewaysAnswer.class),
                Arguments.of("talkers-global", TopTalkersAnswer.class),
                Arguments.of("talkers-global-by-region", TopTalkersAnswer.class),
                Arguments.of("talkers-per-spoke-by-cloud", TopTalkersAnswer.class),
                Arguments.of("talkers-gateway", TopTalkersAnswer.class),
                Arguments.of("flows-talkers-per-spoke", TopTalkersAnswer.class),
                Arguments.of("coverage-hourly", io.egressmon.api.coverage.CoverageAnswer.class),
                Arguments.of("cost-gateway", io.egressmon.api.cost.CostAnswer.class),
                Arguments.of("cost-by-account", io.egressmon.api.cost.CostAnswer.class),
                Arguments.of("error-unknown-parameter", ErrorAnswer.class),
                Arguments.of("error-to-in-future", ErrorAnswer.class),
                Arguments.of("health", HealthAnswer.class),
                Arguments.of("ready", ReadyAnswer.class),
                Arguments.of("partial-bandwidth-3", BandwidthPartial.class),
                Arguments.of("partial-bandwidth-5", BandwidthPartial.class),
                Arguments.of("partial-talkers-global-4", TalkersPartial.class),
                Arguments.of("partial-talkers-per-spoke-3", TalkersPartial.class),
                Arguments.of("partial-talkers-per-spoke-5", TalkersPartial.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void roundTrip(String name, Class<?> type) {
        String json = Fixtures.text("answers/" + name + ".json").strip();
        assertEquals(json, ApiJson.write(ApiJson.read(json, type)));
    }
}
