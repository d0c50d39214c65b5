package io.egressmon.api;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Test data on the class path. {@code answers/} holds answers of the real server (from app's golden
 * files); {@code bandwidth/} and {@code talkers/} are copies of report's fixtures, which
 * {@code report/src/test/python/*_oracle.py} make from the real sample reports (the CSVs) independently
 * of the Java code under test, and keep in step here.
 */
public final class Fixtures {
    /** The period of the sample reports. */
    public static final Instant SAMPLE_START = Instant.parse("2026-02-03T10:00:00Z");
    public static final Instant SAMPLE_END = Instant.parse("2026-02-10T10:00:00Z");

    private Fixtures() {
    }

    /** A resource as UTF-8 text, e.g. {@code bandwidth/spoke_bandwidth_7d.csv}. */
    public static String text(String resource) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON resource read as a {@code type}. */
    public static <T> T read(String resource, Class<T> type) {
        return ApiJson.read(text(resource), type);
    }

    /** A JSON resource with {@code change} made to it, e.g. a field removed: for what the readers must refuse. */
    public static String changed(String resource, Consumer<ObjectNode> change) {
        try {
            ObjectNode json = (ObjectNode) new ObjectMapper().readTree(text(resource));
            change.accept(json);
            return json.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("test resource " + resource + " is not JSON", e);
        }
    }

    /**
     * {@code resource} with {@code change} made to it does not read as a {@code type}: the reader
     * refuses it with a message holding every one of {@code parts}.
     */
    public static void assertRefused(String resource, Class<?> type, Consumer<ObjectNode> change, String... parts) {
        String body = changed(resource, change);
        String message = assertThrows(IllegalArgumentException.class, () -> ApiJson.read(body, type)).getMessage();
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "no " + part + " in: " + message);
        }
    }

    /** The data rows of a sample CSV, split on commas (the samples have no quoted fields). */
    public static List<List<String>> csvRows(String resource) {
        List<String> lines = Arrays.asList(text(resource).split("\r\n"));
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(Arrays.asList(line.split(",", -1)));
        }
        return rows;
    }
}
