package io.egressmon.streams.alerts.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.config.Settings;
import io.egressmon.config.SettingsReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookSettingsTest {
    private static final String SLACK = "https://hooks.slack.com/services/T000/B000/XXXXtokenXXXX";

    private static SettingsReader reader(Map<String, String> env) {
        return Settings.load(null, env, Map.of()).reader();
    }

    @Test
    @DisplayName("no webhooks: nothing to deliver, no secret needed")
    void none() {
        SettingsReader r = reader(Map.of());
        assertEquals(WebhookSettings.NONE, WebhookSettings.from(r));
        assertEquals(List.of(), r.problems());
    }

    @Test
    @DisplayName("webhooks are read in order; the secret comes from the environment or a file, and shows as ***")
    void read(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("secret");
        Files.writeString(file, "from-a-file-0123456789\n");
        SettingsReader r = reader(Map.of("EGRESSMON_ALERT_WEBHOOKS", SLACK + ", http://127.0.0.1:9999/hook",
                "EGRESSMON_ALERT_WEBHOOK_SECRET_FILE", file.toString()));
        WebhookSettings s = WebhookSettings.from(r);
        assertEquals(List.of(), r.problems());
        assertEquals(2, s.webhooks().size());
        assertEquals("from-a-file-0123456789", s.secret().reveal());
        assertFalse(s.toString().contains("XXXXtoken"), s.toString());
        assertFalse(s.toString().contains("from-a-file"), s.toString());
        assertEquals("webhook 1 (https://hooks.slack.com/…)", s.webhooks().get(0).toString());
    }

    @Test
    @DisplayName("a missing or short secret, plain http to another host and a bad URL are each a problem that never repeats the URL")
    void problems() {
        SettingsReader r = reader(Map.of("EGRESSMON_ALERT_WEBHOOKS", "http://alerts.example.com/XXXXtoken"));
        WebhookSettings.from(r);
        assertEquals(2, r.problems().size(), r.problems().toString());
        assertTrue(r.problems().get(0).contains("EGRESSMON_ALERT_WEBHOOK_ALLOW_HTTP=true"), r.problems().toString());
        assertTrue(r.problems().get(1).contains("EGRESSMON_ALERT_WEBHOOK_SECRET"), r.problems().toString());

        r = reader(Map.of("EGRESSMON_ALERT_WEBHOOKS", SLACK, "EGRESSMON_ALERT_WEBHOOK_SECRET", "short"));
        WebhookSettings.from(r);
        assertEquals(List.of("EGRESSMON_ALERT_WEBHOOK_SECRET is too short: use at least 16 characters "
                + "(e.g. the output of `openssl rand -hex 32`)"), r.problems());

        r = reader(Map.of("EGRESSMON_ALERT_WEBHOOKS", SLACK + ",ftp://XXXXtoken@example.com/x",
                "EGRESSMON_ALERT_WEBHOOK_SECRET", "long-enough-secret-0123"));
        WebhookSettings.from(r);
        assertEquals(List.of("EGRESSMON_ALERT_WEBHOOKS URL number 2 must be an https:// (or http://) URL"), r.problems());
    }
}
