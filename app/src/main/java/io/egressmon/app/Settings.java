package io.egressmon.app;

import io.egressmon.ingest.IngestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where configuration comes from, in order of precedence: command-line flags (applied by each
 * command), the process environment, then the {@code --env} file (either naming convention of the
 * original scripts), then each role's defaults.
 */
final class Settings {
    private Settings() {
    }

    static Map<String, String> load(Path envFile) {
        Map<String, String> merged = new HashMap<>();
        if (envFile != null) {
            if (!Files.isReadable(envFile)) {
                throw new IllegalArgumentException("--env " + envFile + ": file not found or not readable");
            }
            merged.putAll(IngestConfig.readEnvFile(envFile));
        }
        merged.putAll(System.getenv());
        return merged;
    }

    /** True when the settings name a real CoPilot; otherwise the built-in simulator is used. */
    static boolean namesCopilot(Map<String, String> settings) {
        return notBlank(settings.get("COPILOT_URL")) || notBlank(settings.get("AVIATRIX_COPILOT_IP"));
    }

    static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
