package io.egressmon.ingest.copilot;

import io.vertx.core.json.Json;

/** CoPilot answers for the readers' tests, written with single quotes so they read well in Java. */
final class AnswerJson {
    private AnswerJson() {
    }

    /** The answer decoded as the session decodes it, after turning every {@code '} into {@code "}. */
    static Object json(String singleQuoted) {
        return Json.decodeValue(singleQuoted.replace('\'', '"'));
    }
}
