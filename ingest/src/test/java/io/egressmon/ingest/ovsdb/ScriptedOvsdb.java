package io.egressmon.ingest.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A stand-in for ovsdb-server's transport only, on 127.0.0.1: it reads what the client sends, keeps it,
 * and answers each message with whatever text {@code script} returns for it, written a few bytes at a
 * time so that JSON values arrive split at arbitrary points, as a real stream may deliver them.
 */
final class ScriptedOvsdb implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerSocket server;
    private final Function<JsonNode, String> script;
    private final int chunk;
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final Thread thread;

    /** {@code script} returns the raw text to write back for a message, or null to say nothing. */
    ScriptedOvsdb(int chunk, Function<JsonNode, String> script) throws IOException {
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.script = script;
        this.chunk = chunk;
        this.thread = new Thread(this::serve, "scripted-ovsdb");
        thread.setDaemon(true);
        thread.start();
    }

    OvsdbAddress address() {
        return new OvsdbAddress.Tcp("127.0.0.1", server.getLocalPort());
    }

    /** The next message the client sent, waiting up to 5 s. */
    JsonNode nextReceived() throws InterruptedException {
        JsonNode next = received.poll(5, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("the client sent nothing more within 5 s");
        }
        return next;
    }

    private void serve() {
        try (Socket socket = server.accept();
             MappingIterator<JsonNode> messages = JSON.readerFor(JsonNode.class).readValues(socket.getInputStream())) {
            OutputStream out = socket.getOutputStream();
            while (messages.hasNextValue()) {
                JsonNode message = messages.nextValue();
                received.add(message);
                String answer = script.apply(message);
                if (answer != null) {
                    writeInChunks(out, answer.getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException | RuntimeException e) {
            // The client hung up or the test closed us: the conversation is over either way.
        }
    }

    private void writeInChunks(OutputStream out, byte[] bytes) throws IOException {
        for (int from = 0; from < bytes.length; from += chunk) {
            out.write(bytes, from, Math.min(chunk, bytes.length - from));
            out.flush();
            try {
                Thread.sleep(1); // lets each piece leave as its own segment
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The id of a request, as JSON text to splice into an answer. */
    static String id(JsonNode request) {
        return request.path("id").toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
