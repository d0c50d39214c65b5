package io.egressmon.app.flows;

import io.egressmon.ingest.ovsdb.BridgeIpfix;
import io.egressmon.ingest.ovsdb.IpfixControl;
import io.egressmon.ingest.ovsdb.IpfixSettings;
import io.egressmon.ingest.ovsdb.OvsdbAddress;
import io.egressmon.ingest.ovsdb.OvsdbClient;
import io.egressmon.ingest.ovsdb.OvsdbException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The monitor's Open vSwitch exporter ({@code --ovsdb ADDRESS --ovs-bridge NAME}): its state for the
 * status line and a key that starts or stops it. Every OVSDB session runs on its own thread, so a slow
 * or absent OVSDB never holds up the keys or the table; what went wrong is the state's text, and the
 * monitor runs on.
 */
final class OvsPanel implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final OvsdbAddress address;
    private final String bridge;
    private final IpfixSettings settings;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "egressmon-flows-ovsdb");
        t.setDaemon(true);
        return t;
    });

    /** @throws IllegalArgumentException for a malformed address or settings */
    OvsPanel(String address, String bridge, String target, long sampling) {
        this.address = OvsdbAddress.parse(address);
        this.bridge = bridge;
        this.settings = IpfixSettings.towards(target, sampling);
    }

    /** One line: the bridge's exporter as OVSDB has it, or why that is unknown. */
    CompletableFuture<String> status() {
        return CompletableFuture.supplyAsync(() -> session(control -> describe(exporter(control))), worker);
    }

    /** Starts the exporter when the bridge has none, stops it when it has one; then the new status line. */
    CompletableFuture<String> toggle() {
        return CompletableFuture.supplyAsync(() -> session(control -> {
            if (exporter(control).isPresent()) {
                control.stop(bridge);
            } else {
                control.start(bridge, settings);
            }
            return describe(exporter(control));
        }), worker);
    }

    private interface Work {
        String run(IpfixControl control) throws OvsdbException;
    }

    private String session(Work work) {
        try (OvsdbClient client = OvsdbClient.connect(address, TIMEOUT)) {
            return work.run(new IpfixControl(client, TIMEOUT));
        } catch (OvsdbException | RuntimeException e) {
            return "OvS " + bridge + ": " + e.getMessage() + " [e: retry]";
        }
    }

    private Optional<IpfixSettings> exporter(IpfixControl control) throws OvsdbException {
        for (BridgeIpfix b : control.bridges()) {
            if (b.bridge().equals(bridge)) {
                return b.ipfix();
            }
        }
        throw new OvsdbException("no bridge " + bridge + " in OVSDB at " + address);
    }

    private String describe(Optional<IpfixSettings> exporter) {
        return exporter.map(s -> "OvS " + bridge + ": IPFIX to " + String.join(",", s.targets()) + ", 1/" + s.sampling()
                + " [e: stop]").orElse("OvS " + bridge + ": not exporting [e: start]");
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
