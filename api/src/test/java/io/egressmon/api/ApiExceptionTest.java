package io.egressmon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Relaying another instance's refusal")
class ApiExceptionTest {

    @Test
    @DisplayName("a 400, 404 or 503 becomes the refusal whose answer and status are the same again")
    void relayed() {
        for (ApiException e : List.of(new BadParameter("days", "days must be 1 or more"),
                NotFound.unknownGateway("nope", "counters", Instant.EPOCH, Instant.EPOCH.plusSeconds(3600)),
                new Unavailable("Kafka Streams is REBALANCING, not RUNNING"))) {
            ApiException relayed = ApiException.of(e.status(), e.answer());
            assertEquals(e.getClass(), relayed.getClass());
            assertEquals(e.status(), relayed.status());
            assertEquals(ApiJson.write(e.answer()), ApiJson.write(relayed.answer()));
        }
    }

    @Test
    @DisplayName("other statuses, and a 400 or 404 that names no parameter, are not the API's refusals")
    void notRelayed() {
        assertNull(ApiException.of(500, ErrorAnswer.of(ErrorAnswer.INTERNAL, null, "boom")));
        assertNull(ApiException.of(405, ErrorAnswer.of(ErrorAnswer.METHOD_NOT_ALLOWED, null, "use GET")));
        assertNull(ApiException.of(400, ErrorAnswer.of(BadParameter.ERROR, null, "no parameter")));
        assertNull(ApiException.of(404, ErrorAnswer.of(NotFound.ERROR, null, "no parameter")));
    }
}
