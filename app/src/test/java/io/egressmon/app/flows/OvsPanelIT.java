package io.egressmon.app.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.ingest.netflow.exporters.OpenVswitch;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitor's {@code e} key against a real userspace Open vSwitch: start, stop, and the errors it shows. */
@DisplayName("The monitor's Open vSwitch exporter panel")
class OvsPanelIT {

    private static String await(java.util.concurrent.CompletableFuture<String> line) throws Exception {
        return line.get(30, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("says the bridge is not exporting, starts and stops its exporter, and names a bridge that is not there")
    void togglesTheExporter(@TempDir Path dir) throws Exception {
        try (OpenVswitch ovs = OpenVswitch.start(dir);
             OvsPanel panel = new OvsPanel("unix:" + ovs.databaseSocket(), "br0", "127.0.0.1:4739", 8);
             OvsPanel missing = new OvsPanel("unix:" + ovs.databaseSocket(), "br7", "127.0.0.1:4739", 1)) {
            assertEquals("OvS br0: not exporting [e: start]", await(panel.status()));
            assertEquals("OvS br0: IPFIX to 127.0.0.1:4739, 1/8 [e: stop]", await(panel.toggle()));
            assertEquals("OvS br0: IPFIX to 127.0.0.1:4739, 1/8 [e: stop]", await(panel.status()), "as OVSDB has it");
            assertEquals("OvS br0: not exporting [e: start]", await(panel.toggle()));
            String none = await(missing.toggle());
            assertTrue(none.contains("no bridge br7"), none);
        }
    }

    @Test
    @DisplayName("an OVSDB that is not there is a line saying so, not an exception")
    void unreachable(@TempDir Path dir) throws Exception {
        try (OvsPanel panel = new OvsPanel("unix:" + dir.resolve("db.sock"), "br0", "127.0.0.1:2055", 1)) {
            String line = await(panel.toggle());
            assertTrue(line.startsWith("OvS br0: cannot connect to OVSDB at unix:" + dir.resolve("db.sock")), line);
            assertTrue(line.endsWith("[e: retry]"), line);
        }
    }
}
