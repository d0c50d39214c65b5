package io.egressmon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Reading typed settings")
class SettingsReaderTest {
    record Thing(Duration every, int count, Secret password, URI copilot) {
    }

    static final Setting<Thing, Duration> EVERY = Setting.of(Thing.class, "X_EVERY", Kind.duration(Duration.ofSeconds(1)),
            "60s", "5m", "how often", Thing::every);
    static final Setting<Thing, Integer> COUNT = Setting.of(Thing.class, "X_COUNT", Kind.integer(1, 10), "3", "4",
            "how many", Thing::count);
    static final Setting<Thing, Secret> PASSWORD = Setting.of(Thing.class, "X_PASSWORD", Kind.SECRET, null, "s3cret",
            "the password", Thing::password);
    static final Setting<Thing, URI> COPILOT = Setting.of(Thing.class, "X_URL", CopilotAddress.KIND, null,
            "cplt.example.com", "where", Thing::copilot).orAlias("X_IP");

    private static SettingsReader reader(Map<String, String> values) {
        return Settings.of(values).reader();
    }

    @Test
    @DisplayName("a setting not given is its default; given, it is parsed")
    void defaultsAndValues() {
        assertEquals(Duration.ofSeconds(60), reader(Map.of()).get(EVERY));
        assertEquals(Duration.ofHours(6), reader(Map.of("X_EVERY", "6h")).get(EVERY));
        assertEquals(Duration.ofHours(6), reader(Map.of("X_EVERY", "PT6H")).get(EVERY));
        assertNull(reader(Map.of()).get(PASSWORD));
    }

    @Test
    @DisplayName("every problem is collected, each naming the setting and saying what to write")
    void problemsAreCollected() {
        SettingsReader r = reader(Map.of("X_EVERY", "soon", "X_COUNT", "11"));
        assertEquals(Duration.ofSeconds(60), r.get(EVERY), "a bad value falls back to the default so reading goes on");
        r.get(COUNT);
        assertEquals(List.of("X_EVERY='soon' is not a duration: write e.g. 60s, 6h, 30d or PT60S",
                "X_COUNT='11' must be between 1 and 10"), r.problems());
        ConfigException e = assertThrows(ConfigException.class, () -> r.check("test", "config"));
        assertTrue(e.getMessage().startsWith("invalid test configuration: X_EVERY="), e.getMessage());
        assertEquals("ok", reader(Map.of()).check("test", "ok"));
    }

    @Test
    @DisplayName("a duration below the setting's minimum is refused in the same syntax")
    void minimum() {
        SettingsReader r = reader(Map.of("X_EVERY", "500ms"));
        r.get(EVERY);
        assertEquals(List.of("X_EVERY='500ms' is too small: use at least 1s"), r.problems());
    }

    @Test
    @DisplayName("a secret's text is never repeated in a problem, nor shown")
    void secrets() {
        Setting<Thing, Secret> strict = new Setting<>(Thing.class, "X_PASSWORD", null,
                new Kind<Secret>(s -> { throw new IllegalArgumentException("is too short"); }, s -> "***", s -> null),
                null, "x", "the password", Thing::password);
        SettingsReader r = reader(Map.of("X_PASSWORD", "hunter2"));
        r.get(strict);
        assertEquals(List.of("X_PASSWORD is too short"), r.problems());
        assertEquals("***", PASSWORD.show(Secret.of("hunter2")));
    }

    @Test
    @DisplayName("a second name is read when the first is not given, or first when asked to")
    void aliases() {
        assertEquals(URI.create("https://cplt.example.com"), reader(Map.of("X_IP", "cplt.example.com")).get(COPILOT));
        SettingsReader both = reader(Map.of("X_URL", "https://a.example.com", "X_IP", "b.example.com"));
        assertEquals(URI.create("https://a.example.com"), both.get(COPILOT));
        assertEquals(URI.create("https://b.example.com"), both.get(COPILOT, true));
        assertTrue(both.given(COPILOT));
        assertFalse(reader(Map.of("X_IP", "b")).givenByName(COPILOT));
        assertEquals("X_URL or X_IP", COPILOT.names());
    }

    @Test
    @DisplayName("a CoPilot URL with credentials is refused, and the problem does not repeat them")
    void copilotCredentials() {
        SettingsReader r = reader(Map.of("X_URL", "https://admin:hunter2@cplt.example.com"));
        r.get(COPILOT);
        assertEquals(1, r.problems().size());
        assertTrue(r.problems().get(0).startsWith("X_URL='https://***@cplt.example.com' carries credentials"),
                r.problems().get(0));
        assertFalse(r.problems().get(0).contains("hunter2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin:hunter2@cplt.example.com", "https://admin:hun@ter2@cplt.example.com",
            "https://admin:hun/ter2@cplt.example.com", "admin:hun ter2@cplt.example.com"})
    @DisplayName("whatever shape the credentials in a URL take, the problem does not repeat the password")
    void credentialsInAnyShape(String url) {
        SettingsReader copilot = reader(Map.of("X_URL", url));
        copilot.get(COPILOT);
        Setting<Thing, String> registryUrl = Setting.of(Thing.class, "REGISTRY_URL", Kind.HTTP_URL, null,
                "http://registry:8081", "the registry", t -> null);
        SettingsReader registry = reader(Map.of("REGISTRY_URL", url.startsWith("https") ? url : "https://" + url));
        registry.get(registryUrl);
        for (SettingsReader r : List.of(copilot, registry)) {
            assertEquals(1, r.problems().size(), r.problems().toString());
            assertTrue(r.problems().get(0).contains("***@cplt.example.com"), r.problems().get(0));
            assertFalse(r.problems().get(0).contains("ter2"), r.problems().get(0));
        }
    }

    @Test
    @DisplayName("a setting several components read reports its problem once")
    void problemOnce() {
        SettingsReader r = reader(Map.of("X_COUNT", "many"));
        r.get(COUNT);
        r.get(COUNT);
        assertEquals(List.of("X_COUNT='many' is not a whole number"), r.problems());
    }
}
