package io.egressmon.ingest.copilot;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link CopilotClient} needs to know, and nothing more.
 *
 * @param url            CoPilot's base URL
 * @param requestTimeout per HTTP request, from sending it to having the whole answer
 * @param maxConcurrency CoPilot calls in flight at most
 */
public record CopilotSettings(URI url, CopilotCredentials credentials, CopilotTls tls, Duration requestTimeout,
                              int maxConcurrency, RetryPolicy retry) {

    public CopilotSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(retry, "retry");
    }
}
