package io.egressmon.app.ovs;

import io.egressmon.ingest.ovsdb.IpfixControl;
import io.egressmon.ingest.ovsdb.IpfixSettings;
import io.egressmon.ingest.ovsdb.OvsdbAddress;
import io.egressmon.ingest.ovsdb.OvsdbClient;
import io.egressmon.ingest.ovsdb.OvsdbException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * {@code --ovsdb ADDRESS --ovs-bridge NAME} on {@code run} and {@code collect} (a picocli mixin): once the
 * collector listens, the bridge's Open vSwitch IPFIX exporter is started towards it, and stopped when
 * egressmon stops. An OVSDB that cannot be reached or refuses is logged as an error; the collector runs on.
 */
public final class OvsExportOptions {
    private static final Logger log = LoggerFactory.getLogger(OvsExportOptions.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Option(names = "--ovsdb", paramLabel = "ADDRESS",
            description = "Open vSwitch's OVSDB (unix:/var/run/openvswitch/db.sock or tcp:HOST:PORT): its exporters under "
                    + "/api/v1/ovs/bridges on the health port; with --ovs-bridge, export that bridge's flows to this "
                    + "collector over IPFIX while egressmon runs.")
    String ovsdb;

    @Option(names = "--ovs-bridge", paramLabel = "NAME", description = "The bridge whose IPFIX exporter --ovsdb starts.")
    String bridge;

    @Option(names = "--ovs-sampling", paramLabel = "N", defaultValue = "1",
            description = "Open vSwitch exports 1 packet in N (default ${DEFAULT-VALUE}).")
    long sampling;

    /**
     * Open vSwitch's exporter over HTTP on the health port when {@code --ovsdb} is given (with or without
     * {@code --ovs-bridge}), else null.
     *
     * @throws IllegalArgumentException when the address is malformed
     */
    public OvsRest rest() {
        return ovsdb == null ? null : new OvsRest(OvsdbAddress.parse(ovsdb));
    }

    /** The exporter once started: closing stops it. */
    public interface Export extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Starts the exporter towards {@code collector} when {@code --ovsdb} and {@code --ovs-bridge} are
     * given; null when not asked, or when OVSDB could not be reached or refused (logged).
     *
     * @throws IllegalArgumentException when only one of the two is given, or the address is malformed
     */
    public Export start(InetSocketAddress collector) {
        if (bridge == null) {
            return null; // --ovsdb alone: control over HTTP only
        }
        if (ovsdb == null) {
            throw new IllegalArgumentException("--ovs-bridge needs --ovsdb: where Open vSwitch's database is");
        }
        OvsdbAddress address = OvsdbAddress.parse(ovsdb);
        String target = collector.getAddress().getHostAddress().contains(":")
                ? "[" + collector.getAddress().getHostAddress() + "]:" + collector.getPort()
                : collector.getAddress().getHostAddress() + ":" + collector.getPort();
        IpfixSettings settings = IpfixSettings.towards(target, sampling);
        try (OvsdbClient client = OvsdbClient.connect(address, TIMEOUT)) {
            new IpfixControl(client, TIMEOUT).start(bridge, settings);
            log.info("Open vSwitch bridge {} exports IPFIX to {} (sampling 1/{}), via {}", bridge, target, sampling, address);
        } catch (OvsdbException e) {
            log.error("cannot start Open vSwitch's IPFIX exporter on bridge {} via {}: {}; the collector runs on without it",
                    bridge, address, e.getMessage());
            return null;
        }
        return () -> {
            try (OvsdbClient session = OvsdbClient.connect(address, TIMEOUT)) {
                new IpfixControl(session, TIMEOUT).stop(bridge);
                log.info("Open vSwitch bridge {} stopped exporting IPFIX", bridge);
            } catch (OvsdbException e) {
                log.error("cannot stop Open vSwitch's IPFIX exporter on bridge {} via {}: {}", bridge, address, e.getMessage());
            }
        };
    }
}
