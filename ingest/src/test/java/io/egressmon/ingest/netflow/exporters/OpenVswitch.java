package io.egressmon.ingest.netflow.exporters;

import static org.junit.jupiter.api.Assertions.fail;

import io.egressmon.ingest.netflow.exporters.Capture.Datagram;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Open vSwitch 3.1 entirely in userspace, in its own run directory: ovsdb-server and ovs-vswitchd
 * {@code --enable-dummy}, a bridge {@code br0} on the dummy datapath with ports p1 → p2, and frames
 * injected into p1 with {@code ovs-appctl netdev-dummy/receive}. Its IPFIX arrives ~2.5 s after the
 * frames, every packet twice (ingress and egress copies, IE 61 = 0 and 1).
 */
public final class OpenVswitch implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int FRAMES_PER_CALL = 64;

    /** What OvS itself counted on a port: packets and Ethernet frame bytes (IP bytes + 14 per packet). */
    record PortCounters(long packets, long bytes) {
    }

    private final Path dir;
    private final Map<String, String> env;
    private final String vsctl;
    private final String appctl;
    private final String ofctl;

    private OpenVswitch(Path dir) {
        this.dir = dir;
        this.env = Map.of("OVS_RUNDIR", dir.toString(), "OVS_DBDIR", dir.toString(), "OVS_LOGDIR", dir.toString());
        String ovsdbTool = Command.require("ovsdb-tool", "openvswitch-switch");
        String ovsdbServer = Command.require("ovsdb-server", "openvswitch-switch");
        String vswitchd = Command.require("ovs-vswitchd", "openvswitch-switch");
        this.vsctl = Command.require("ovs-vsctl", "openvswitch-switch");
        this.appctl = Command.require("ovs-appctl", "openvswitch-switch");
        this.ofctl = Command.require("ovs-ofctl", "openvswitch-switch");
        Path schema = Path.of("/usr/share/openvswitch/vswitch.ovsschema");
        if (!Files.exists(schema)) {
            fail(schema + " is missing: install openvswitch-switch (apt-get install -y openvswitch-switch)");
        }
        String db = dir.resolve("conf.db").toString();
        String socket = "unix:" + dir.resolve("db.sock");
        Command.check(env, TIMEOUT, ovsdbTool, "create", db, schema.toString());
        Command.check(env, TIMEOUT, ovsdbServer, db, "--remote=punix:" + dir.resolve("db.sock"),
            "--pidfile=" + dir.resolve("ovsdb-server.pid"), "--log-file=" + dir.resolve("ovsdb-server.log"), "--detach");
        vsctl("--no-wait", "init");
        Command.check(env, TIMEOUT, vswitchd, "--enable-dummy", "--disable-system", socket,
            "--pidfile=" + dir.resolve("ovs-vswitchd.pid"), "--log-file=" + dir.resolve("ovs-vswitchd.log"), "--detach");
        vsctl("add-br", "br0", "--", "set", "bridge", "br0", "datapath_type=dummy", "fail-mode=secure",
            "--", "add-port", "br0", "p1", "--", "set", "Interface", "p1", "type=dummy", "ofport_request=1",
            "--", "add-port", "br0", "p2", "--", "set", "Interface", "p2", "type=dummy", "ofport_request=2");
        Command.check(env, TIMEOUT, ofctl, "add-flow", "unix:" + dir.resolve("br0.mgmt"), "in_port=1,actions=output:2");
    }

    /** Starts both daemons with their sockets, database, logs and pid files under {@code dir}. */
    public static OpenVswitch start(Path dir) {
        OpenVswitch ovs = null;
        try {
            ovs = new OpenVswitch(dir);
            return ovs;
        } finally {
            if (ovs == null) {
                stop(dir);
            }
        }
    }

    /**
     * Points br0's IPFIX at a fresh socket (a new IPFIX row, so OvS sends its templates first), injects
     * {@code packets} into p1, and returns what arrived once the export has gone quiet.
     */
    List<Datagram> exportIpfix(List<Packet> packets) {
        try (Capture capture = Capture.open()) {
            vsctl("--", "set", "Bridge", "br0", "ipfix=@i", "--", "--id=@i", "create", "IPFIX",
                "targets=\"" + capture.target() + "\"", "sampling=1", "obs_domain_id=123",
                "cache_active_timeout=2", "cache_max_flows=1000");
            inject(packets);
            List<Datagram> first = capture.awaitUntil(d -> !d.isEmpty(), Duration.ofSeconds(10));
            if (first.isEmpty()) {
                fail("Open vSwitch sent no IPFIX within 10 s of the frames; see " + dir.resolve("ovs-vswitchd.log"));
            }
            // Quiet for well over the 2 s active timeout: a flow whose packets took longer than that to
            // inject (a loaded machine) is exported twice, the second part up to 2 s after the first, and
            // later still when the revalidator that hands the datapath's counts to IPFIX runs late. 4 s
            // was not enough once in a clean-clone CI run (one flow's last 22 KB came after it).
            List<Datagram> all = capture.awaitQuiet(Duration.ofMillis(8_000));
            vsctl("clear", "Bridge", "br0", "ipfix");
            return all;
        }
    }

    /** Sends the frames into p1, many per ovs-appctl call. */
    public void inject(List<Packet> packets) {
        HexFormat hex = HexFormat.of();
        String target = appctlTarget();
        for (int from = 0; from < packets.size(); from += FRAMES_PER_CALL) {
            List<String> argv = new ArrayList<>(List.of(appctl, "-t", target, "netdev-dummy/receive", "p1"));
            packets.subList(from, Math.min(packets.size(), from + FRAMES_PER_CALL))
                .forEach(p -> argv.add(hex.formatHex(p.frame())));
            Command.check(env, TIMEOUT, argv.toArray(String[]::new));
        }
    }

    /** OvS's own receive counters for p1 (the ports statistics of {@code ovs-ofctl dump-ports}). */
    PortCounters p1() {
        String out = Command.check(env, TIMEOUT, ofctl, "dump-ports", "unix:" + dir.resolve("br0.mgmt"), "1");
        Matcher m = Pattern.compile("rx pkts=(\\d+), bytes=(\\d+)").matcher(out);
        if (!m.find()) {
            fail("no rx counters in ovs-ofctl dump-ports:\n" + out);
        }
        return new PortCounters(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
    }

    private String appctlTarget() {
        try {
            String pid = Files.readString(dir.resolve("ovs-vswitchd.pid")).trim();
            return dir.resolve("ovs-vswitchd." + pid + ".ctl").toString();
        } catch (IOException e) {
            throw new UncheckedIOException("ovs-vswitchd wrote no pid file in " + dir, e);
        }
    }

    private void vsctl(String... args) {
        List<String> argv = new ArrayList<>(List.of(vsctl, "--db=unix:" + dir.resolve("db.sock"), "--timeout=20"));
        argv.addAll(List.of(args));
        Command.check(env, TIMEOUT, argv.toArray(String[]::new));
    }

    /** The database's unix socket, for clients that talk OVSDB themselves. */
    public Path databaseSocket() {
        return dir.resolve("db.sock");
    }

    @Override
    public void close() {
        stop(dir);
    }

    /** Stops the daemons by their pid files, switch first. */
    private static void stop(Path dir) {
        Command.killByPidFile(dir.resolve("ovs-vswitchd.pid"));
        Command.killByPidFile(dir.resolve("ovsdb-server.pid"));
    }
}
