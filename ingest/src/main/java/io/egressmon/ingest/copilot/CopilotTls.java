package io.egressmon.ingest.copilot;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How CoPilot's certificate is checked: against the JDK trust store by default, against a PEM CA
 * bundle when {@code caFile} is set, or not at all when {@code insecure} (logged as a warning).
 *
 * @param caFile          PEM bundle of the CA(s) to trust instead of the JDK trust store; null = JDK trust store
 * @param insecureSetting where the operator turns {@code insecure} on, named in the warning
 * @param caFileSetting   where the operator sets {@code caFile}, named when a handshake fails
 */
public record CopilotTls(boolean insecure, Path caFile, String insecureSetting, String caFileSetting) {

    public CopilotTls {
        Objects.requireNonNull(insecureSetting, "insecureSetting");
        Objects.requireNonNull(caFileSetting, "caFileSetting");
    }
}
