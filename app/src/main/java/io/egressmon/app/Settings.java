package io.egressmon.app;

import io.egressmon.ingest.IngestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where configuration comes from, in order of precedence: command-line flags (applied by each
 * command), the process environment, then the {@code --env} file (either naming convention of the
 * original scripts), then each role's defaults — except that a CoPilot named in the {@code --env}
 * file comes whole from the file: the operating system sets {@code USERNAME} for its own purposes,
 * and a file the user pointed at must not be half-overridden by it.
 */
final class Settings {
    static final List<String> COPILOT_KEYS = List.of("COPILOT_URL", "USERNAME", "PASSWORD",
            "AVIATRIX_COPILOT_IP", "AVIATRIX_USERNAME", "AVIATRIX_PASSWORD");

    private Settings() {
    }

    static Map<String, String> load(Path envFile) {
        return merge(envFile == null ? Map.of() : readFile(envFile), System.getenv());
    }

    static Map<String, String> merge(Map<String, String> file, Map<String, String> environment) {
        Map<String, String> merged = new HashMap<>(file);
        merged.putAll(environment);
        if (namesCopilot(file)) {
            for (String key : COPILOT_KEYS) {
                merged.remove(key);
                if (file.containsKey(key)) {
                    merged.put(key, file.get(key));
                }
            }
        }
        return merged;
    }

    private static Map<String, String> readFile(Path envFile) {
        if (!Files.isReadable(envFile)) {
            throw new IllegalArgumentException("--env " + envFile + ": file not found or not readable");
        }
        return IngestConfig.readEnvFile(envFile);
    }

    /** True when the settings name a real CoPilot; otherwise the built-in simulator is used. */
    static boolean namesCopilot(Map<String, String> settings) {
        return notBlank(settings.get("COPILOT_URL")) || notBlank(settings.get("AVIATRIX_COPILOT_IP"));
    }

    static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
