package io.egressmon.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.avro.CounterSnapshot;
import io.egressmon.avro.Gateway;
import io.egressmon.avro.InterfaceCounters;
import io.egressmon.avro.PollWatermark;
import io.egressmon.avro.SnapshotKind;
import io.egressmon.avro.SpokeBandwidthWindow;
import io.egressmon.avro.SpokeDelta;
import io.egressmon.avro.SpokeTotals;
import io.egressmon.schemas.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The wire format against the in-memory registry. How the serde tells a failing HTTP registry from
 * bad input is specified next to the HTTP registry, in the embedded module's AvroSerdeOverHttpTest.
 */
@DisplayName("AvroSerde writes and reads the Confluent wire format through a schema registry")
class AvroSerdeTest {
    private static final Instant T0 = Instant.parse("2026-02-10T10:00:00Z");
    private static final String INVENTORY = Topics.INVENTORY.name();

    private final LocalSchemaRegistry registry = new LocalSchemaRegistry();

    static Stream<Arguments> everyRecordType() {
        return Stream.of(
                Arguments.of(INVENTORY, gateway()),
                Arguments.of(Topics.COUNTER_SNAPSHOTS.name(), snapshot()),
                Arguments.of(Topics.POLL_WATERMARKS.name(), PollWatermark.newBuilder()
                        .setGateway("spoke-aws-1").setPolledUntil(T0).setLast(interfaces()).build()),
                Arguments.of(Topics.SPOKE_WINDOWS.name(), window()),
                Arguments.of("counter-deltas", SpokeDelta.newBuilder().setGateway("spoke-aws-1")
                        .setFrom(T0).setTo(T0.plusSeconds(300)).setEth0RxBytes(1).setEth0TxBytes(2)
                        .setTunnelRxBytes(3).setTunnelTxBytes(4).setResets(1).build()),
                Arguments.of("spoke-bandwidth-5m-changelog", SpokeTotals.newBuilder().setEth0RxBytes(Long.MAX_VALUE)
                        .setEth0TxBytes(0).setTunnelRxBytes(7).setTunnelTxBytes(8).setResets(2).build()),
                Arguments.of("interface-counters", InterfaceCounters.newBuilder().setRxBytes(null).setTxBytes(5L).build()));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("everyRecordType")
    @DisplayName("every generated record type survives a round trip unchanged")
    void roundTrip(String topic, SpecificRecord record) {
        byte[] bytes = serdeFor(record).serializer().serialize(topic, record);
        SpecificRecord back = serdeFor(record).deserializer().deserialize(topic, bytes);
        assertEquals(record, back);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("everyRecordType")
    @DisplayName("a frame is byte 0, then the id the registry gave for subject <topic>-value, then Avro binary")
    void frame(String topic, SpecificRecord record) {
        byte[] bytes = serdeFor(record).serializer().serialize(topic, record);
        LocalSchemaRegistry.Version latest = registry.version(topic + "-value", "latest");
        assertEquals(0, bytes[0]);
        assertEquals(latest.id(), ByteBuffer.wrap(bytes, 1, 4).getInt());
        assertEquals(record.getSchema(), latest.schema());
        assertArrayEquals(avroBinary(record.getSchema(), record, SpecificData.getForSchema(record.getSchema())),
                Arrays.copyOfRange(bytes, 5, bytes.length));
    }

    @Test
    @DisplayName("a key serde registers under <topic>-key")
    void keySubject() {
        AvroSerde<SpokeTotals> keys = new AvroSerde<>(SpokeTotals.class, registry, true);
        byte[] bytes = keys.serializer().serialize("totals", SpokeTotals.newBuilder().build());
        assertEquals(List.of("totals-key"), registry.subjects());
        assertEquals(SpokeTotals.newBuilder().build(), keys.deserializer().deserialize("totals", bytes));
    }

    @Test
    @DisplayName("ids are the same for every topic using the same schema, and distinct per schema")
    void idsPerSchema() {
        byte[] a = new AvroSerde<>(Gateway.class, registry).serialize("a", gateway());
        byte[] b = new AvroSerde<>(Gateway.class, registry).serialize("b", gateway());
        byte[] c = new AvroSerde<>(SpokeTotals.class, registry).serialize("a-totals", SpokeTotals.newBuilder().build());
        assertEquals(ByteBuffer.wrap(a, 1, 4).getInt(), ByteBuffer.wrap(b, 1, 4).getInt());
        assertNotEquals(ByteBuffer.wrap(a, 1, 4).getInt(), ByteBuffer.wrap(c, 1, 4).getInt());
    }

    @Test
    @DisplayName("a Gateway written with an older schema, lacking defaulted fields, is read with the defaults filled in")
    void olderWriterSchema() {
        Schema oldGateway = new Schema.Parser().parse("""
                {"type": "record", "name": "Gateway", "namespace": "io.egressmon.avro", "fields": [
                  {"name": "gw_name", "type": "string"},
                  {"name": "gw_type", "type": "string"},
                  {"name": "account_name", "type": "string", "default": ""},
                  {"name": "vpc_id", "type": "string", "default": ""},
                  {"name": "observed_at", "type": {"type": "long", "logicalType": "timestamp-millis"}}
                ]}""");
        int oldId = registry.register(INVENTORY + "-value", oldGateway);
        GenericRecord old = new GenericData.Record(oldGateway);
        old.put("gw_name", "spoke-old");
        old.put("gw_type", "spoke");
        old.put("account_name", "acct");
        old.put("vpc_id", "vpc-1");
        old.put("observed_at", T0.toEpochMilli());

        Gateway read = serde(Gateway.class).deserialize(INVENTORY, frame(oldId, oldGateway, old));

        assertEquals(Gateway.newBuilder().setGwName("spoke-old").setGwType("spoke").setAccountName("acct")
                .setVpcId("vpc-1").setObservedAt(T0).build(), read);
        assertEquals("", read.getVpcRegion());
        assertEquals(List.of(), read.getTunnelInterfaces());
        // The current schema is a compatible second version of the same subject.
        byte[] current = serde(Gateway.class).serialize(INVENTORY, gateway());
        assertNotEquals(oldId, ByteBuffer.wrap(current, 1, 4).getInt());
    }

    @Test
    @DisplayName("null is a tombstone both ways")
    void nulls() {
        AvroSerde<Gateway> serde = serde(Gateway.class);
        assertNull(serde.serializer().serialize(INVENTORY, null));
        assertNull(serde.deserializer().deserialize(INVENTORY, null));
    }

    @Test
    @DisplayName("bytes that are not a Confluent frame fail with a SerializationException naming the topic")
    void notAFrame() {
        AvroSerde<Gateway> serde = serde(Gateway.class);
        for (byte[] garbage : List.of(new byte[0], new byte[] {0, 0, 0}, "{\"gw_name\":\"x\"}".getBytes())) {
            SerializationException e = assertThrows(SerializationException.class,
                    () -> serde.deserialize(INVENTORY, garbage));
            assertTrue(e.getMessage().contains("not a Confluent-framed Avro value on topic copilot.inventory"), e.getMessage());
        }
    }

    @Test
    @DisplayName("a frame naming a schema id the registry does not know fails with a SerializationException")
    void unknownSchemaId() {
        byte[] bytes = {0, 0, 0, 0x30, 0x39, 2, 'x'};
        SerializationException e = assertThrows(SerializationException.class,
                () -> serde(Gateway.class).deserialize(INVENTORY, bytes));
        assertTrue(e.getMessage().contains("schema id 12345 is unknown to the registry"), e.getMessage());
        assertTrue(e.getMessage().contains("copilot.inventory"), e.getMessage());
    }

    @Test
    @DisplayName("a frame whose Avro body is truncated or not of the writer schema fails with a SerializationException")
    void corruptBody() {
        byte[] good = serde(Gateway.class).serialize(INVENTORY, gateway());
        byte[] truncated = Arrays.copyOf(good, good.length - 12);
        SerializationException e = assertThrows(SerializationException.class,
                () -> serde(Gateway.class).deserialize(INVENTORY, truncated));
        assertTrue(e.getMessage().startsWith("cannot read Gateway (schema id " + ByteBuffer.wrap(good, 1, 4).getInt()
                + ") from topic copilot.inventory"), e.getMessage());

        byte[] totals = serde(SpokeTotals.class).serialize("totals", SpokeTotals.newBuilder().build());
        SerializationException wrongType = assertThrows(SerializationException.class,
                () -> serde(Gateway.class).deserialize(INVENTORY, totals));
        assertTrue(wrongType.getMessage().startsWith("cannot read Gateway"), wrongType.getMessage());
    }

    @Test
    @DisplayName("one serde writing many records to several topics asks the registry once per topic, and writes each as a new serde would")
    void registersOncePerTopic() {
        List<String> asked = new ArrayList<>();
        SchemaRegistry counting = new SchemaRegistry() {
            @Override
            public int register(String subject, Schema schema) {
                asked.add(subject);
                return registry.register(subject, schema);
            }

            @Override
            public Schema schemaById(int id) {
                return registry.schemaById(id);
            }
        };
        AvroSerde<Gateway> reused = new AvroSerde<>(Gateway.class, counting);
        for (int i = 0; i < 50; i++) {
            for (String topic : List.of(INVENTORY, "inventory-changelog")) {
                Gateway g = Gateway.newBuilder(gateway()).setGwName("spoke-" + i).build();
                assertArrayEquals(serde(Gateway.class).serialize(topic, g), reused.serialize(topic, g));
            }
        }
        assertEquals(List.of(INVENTORY + "-value", "inventory-changelog-value"), asked);
    }

    @Test
    @DisplayName("a record that cannot be written, or one larger than the kept buffer, leaves the next record's bytes intact")
    void writesAfterFailureAndLargeRecord() {
        AvroSerde<Gateway> reused = serde(Gateway.class);
        Gateway broken = new Gateway(); // two fields written, then a required one null
        broken.setGwName("spoke-aws-1");
        broken.setGwType("spoke");
        SerializationException e = assertThrows(SerializationException.class, () -> reused.serialize(INVENTORY, broken));
        assertTrue(e.getMessage().startsWith("cannot write Gateway for topic copilot.inventory"), e.getMessage());
        assertEquals(gateway(), reused.deserialize(INVENTORY, reused.serialize(INVENTORY, gateway())));

        List<String> tunnels = IntStream.range(0, 200_000).mapToObj(i -> "tun-" + i).toList();
        Gateway large = Gateway.newBuilder(gateway()).setTunnelInterfaces(tunnels).build();
        byte[] bytes = reused.serialize(INVENTORY, large);
        assertTrue(bytes.length > 1 << 20, bytes.length + " bytes");
        assertEquals(large, reused.deserialize(INVENTORY, bytes));
        assertArrayEquals(serde(Gateway.class).serialize(INVENTORY, gateway()), reused.serialize(INVENTORY, gateway()));
    }

    /** A new serde each time: a reader never comes from the writer's cache. */
    private <T extends SpecificRecord> AvroSerde<T> serde(Class<T> type) {
        return new AvroSerde<>(type, registry);
    }

    @SuppressWarnings("unchecked")
    private <T extends SpecificRecord> AvroSerde<T> serdeFor(T record) {
        return new AvroSerde<>((Class<T>) record.getClass(), registry);
    }

    private static Gateway gateway() {
        return Gateway.newBuilder().setGwName("spoke-aws-1").setGwType("spoke").setAccountName("prod")
                .setVpcId("vpc-0abc~~shared-svcs").setVpcName("shared-svcs").setVpcRegion("us-east-1")
                .setVendorName("AWS").setTransitGwName("transit-aws-1").setGroupName("shared")
                .setTunnelInterfaces(List.of("tun-1a2b", "tun-3c4d")).setObservedAt(T0).build();
    }

    private static Map<String, InterfaceCounters> interfaces() {
        Map<String, InterfaceCounters> map = new LinkedHashMap<>();
        map.put("eth0", InterfaceCounters.newBuilder().setRxBytes(1_000_000_000_000L).setTxBytes(42L).build());
        map.put("tun-1a2b", InterfaceCounters.newBuilder().setRxBytes(null).setTxBytes(null).build());
        return map;
    }

    private static CounterSnapshot snapshot() {
        return CounterSnapshot.newBuilder().setGateway("spoke-aws-1").setSampledAt(T0)
                .setSliceStart(T0.minusSeconds(3600)).setSliceEnd(T0).setKind(SnapshotKind.BISECT)
                .setInterfaces(interfaces()).build();
    }

    private static SpokeBandwidthWindow window() {
        return SpokeBandwidthWindow.newBuilder().setGateway("spoke-aws-1").setGranularity("PT1H")
                .setWindowStart(T0).setWindowEnd(T0.plusSeconds(3600)).setAccountName("prod").setVpcId("vpc-1")
                .setVpcName("vpc-1").setVpcRegion("us-east-1").setVendorName("AWS").setTransitGwName("t")
                .setGroupName("g").setEth0RxBytes(10).setEth0TxBytes(20).setTunnelRxBytes(3).setTunnelTxBytes(4)
                .setInternalRxBytes(3).setInternalTxBytes(4).setEgressRxBytes(3).setEgressTxBytes(13).setResets(1).build();
    }

    private static byte[] frame(int id, Schema schema, Object datum) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
        out.writeBytes(avroBinary(schema, datum, GenericData.get()));
        return out.toByteArray();
    }

    private static byte[] avroBinary(Schema schema, Object datum, GenericData model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<Object>(schema, model).write(datum, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
