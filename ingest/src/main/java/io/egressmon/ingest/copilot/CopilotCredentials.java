package io.egressmon.ingest.copilot;

import io.egressmon.config.Secret;
import java.util.Objects;

/**
 * Who logs in to CoPilot. The password goes into the login body and nowhere else; this record's
 * {@code toString()} shows it as {@code ***}.
 *
 * @param username empty when not set
 * @param password empty when not set
 * @param settings where the operator sets the two, named when CoPilot refuses them
 */
public record CopilotCredentials(String username, Secret password, String settings) {

    public CopilotCredentials {
        username = username == null ? "" : username;
        password = password == null ? Secret.empty() : password;
        Objects.requireNonNull(settings, "settings");
    }
}
