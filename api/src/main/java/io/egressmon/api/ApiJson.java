package io.egressmon.api;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The one JSON mapping of the API's records, used by the server, the instance-to-instance calls and
 * the CLI alike. Names come from the record components in snake case ({@code internalRxBytes} →
 * {@code internal_rx_bytes}), in declaration order. Reading is strict where a silently wrong report
 * could follow: every component must be present (an optional one says so with
 * {@code @JsonProperty(isRequired = OptBoolean.FALSE)}), a number may not be null; fields the
 * records do not know are ignored, so the API can grow. Instants are written as the original
 * scripts wrote them ({@link #instant(Instant)}).
 */
public final class ApiJson {
    private static final ObjectMapper MAPPER = mapper();

    private ApiJson() {
    }

    /** The answer or request as compact JSON. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw cannotWrite(value, e);
        }
    }

    /** The answer or request as compact JSON in UTF-8, written to {@code out} (not closed). */
    public static void write(Object value, OutputStream out) {
        try {
            MAPPER.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, value);
        } catch (JsonProcessingException e) {
            throw cannotWrite(value, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static IllegalStateException cannotWrite(Object value, JsonProcessingException e) {
        return new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON: "
                + e.getOriginalMessage(), e);
    }

    /**
     * Reads {@code json} as a {@code type}.
     *
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    public static <T> T read(String json, Class<T> type) {
        try {
            T value = MAPPER.readValue(json == null ? "" : json, type);
            if (value == null) {
                throw new IllegalArgumentException("the answer is JSON null, not a " + type.getSimpleName());
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + e.getOriginalMessage() + at(e), e);
        }
    }

    /** Where in the document {@code e} happened, e.g. {@code " (at gateways[3].egress_tx_bytes)"}; empty at the top. */
    private static String at(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping)) {
            return "";
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference step : mapping.getPath()) {
            if (step.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "" : " (at " + path + ")";
    }

    /**
     * {@code datetime.isoformat() + "Z"} of the naive UTC datetimes the original scripts kept:
     * microseconds only when non-zero ({@code 2026-01-11T10:00:00Z}, {@code 2026-01-11T10:00:00.123456Z});
     * anything finer than a microsecond is dropped, as Python's datetime cannot hold it.
     */
    public static String instant(Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        int micros = t.getNano() / 1000;
        // Padded by hand as String.format("%04d-%02d-…") wrote it, which was a twentieth of a 500-spoke
        // answer's time (docs/benchmarks.md); a year before 0 is its sign and at least three digits.
        StringBuilder b = new StringBuilder(27);
        if (t.getYear() < 0) {
            pad(b.append('-'), -t.getYear(), 3).append('-');
        } else {
            pad(b, t.getYear(), 4).append('-');
        }
        pad(b, t.getMonthValue(), 2).append('-');
        pad(b, t.getDayOfMonth(), 2).append('T');
        pad(b, t.getHour(), 2).append(':');
        pad(b, t.getMinute(), 2).append(':');
        pad(b, t.getSecond(), 2);
        if (micros != 0) {
            pad(b.append('.'), micros, 6);
        }
        return b.append('Z').toString();
    }

    /** {@code value} (not negative) in at least {@code width} digits, zeros in front. */
    private static StringBuilder pad(StringBuilder b, int value, int width) {
        for (int limit = 10, digits = 1; digits < width; limit *= 10, digits++) {
            if (value < limit) {
                b.append('0');
            }
        }
        return b.append(value);
    }

    /** ISO-8601 with {@code Z} or an offset; a time without a zone is UTC, as the scripts' naive datetimes were. */
    public static Instant parseInstant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withOffset) {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        }
    }

    private static ObjectMapper mapper() {
        SimpleModule instants = new SimpleModule("instants")
                .addSerializer(Instant.class, new JsonSerializer<>() {
                    @Override
                    public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                        gen.writeString(instant(value));
                    }
                })
                .addDeserializer(Instant.class, new JsonDeserializer<>() {
                    @Override
                    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                        String text = p.getValueAsString();
                        try {
                            return parseInstant(text);
                        } catch (DateTimeParseException e) {
                            return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 time");
                        }
                    }
                });
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(instants)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        // Record components are the properties; helper methods such as isSpoke() are not.
        mapper.setVisibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE);
        mapper.setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE);
        mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        mapper.setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
            @Override
            public Boolean hasRequiredMarker(AnnotatedMember member) {
                // Only isRequired = FALSE makes a component optional: Jackson would also read a
                // @JsonProperty that merely renames one (is_cgnat) as "not required".
                JsonProperty property = _findAnnotation(member, JsonProperty.class);
                boolean optional = property != null && property.isRequired() == OptBoolean.FALSE;
                return !optional;
            }
        });
        return mapper;
    }
}
