package io.egressmon.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Free ports on a loopback address, found by probing. A port probed free can be taken by another
 * process before the broker binds it, so a caller that picked its ports this way retries on a bind
 * failure that names them ({@link #isBindFailure}, {@link #mentions}).
 */
final class LoopbackPorts {
    private static final Logger LOG = LoggerFactory.getLogger(LoopbackPorts.class);

    private LoopbackPorts() {
    }

    /**
     * {@code n} distinct ports of {@code host} that were free a moment ago. The probe sockets are held
     * open together, so the OS cannot hand out the same port twice.
     */
    static int[] free(String host, int n) {
        ServerSocket[] sockets = new ServerSocket[n];
        int[] ports = new int[n];
        try {
            for (int i = 0; i < n; i++) {
                sockets[i] = new ServerSocket();
                sockets[i].setReuseAddress(true);
                sockets[i].bind(new InetSocketAddress(InetAddress.getByName(host), 0));
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    try {
                        socket.close();
                    } catch (IOException e) {
                        LOG.debug("closing a probe socket: {}", e.toString());
                    }
                }
            }
        }
    }

    /** True when a {@link BindException} is somewhere down {@code e}'s cause chain. */
    static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    /** True when a message down {@code e}'s cause chain contains {@code text} (e.g. the {@code host:port} that was taken). */
    static boolean mentions(Throwable e, String text) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(text)) {
                return true;
            }
        }
        return false;
    }
}
