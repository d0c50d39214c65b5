package io.egressmon.cost;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where price tables come from: the dated default shipped in the jar ({@value #DEFAULT_RESOURCE},
 * list prices with their sources), and the user's YAML file laid over it — any part of the default
 * can be replaced, key by key at any depth (a list of tiers is replaced whole).
 */
public final class PriceTables {
    /** The default table's resource name, beside this class in the jar. */
    public static final String DEFAULT_RESOURCE = "prices-default.yaml";

    private PriceTables() {
    }

    /** The default table alone. */
    public static PriceTable defaults() {
        PriceTableReader reader = new PriceTableReader();
        return reader.read(readDefault(reader.problems()));
    }

    /**
     * The default table with {@code userFile} laid over it.
     *
     * @throws PriceTableException naming the file, line and fix of every problem
     */
    public static PriceTable load(Path userFile) {
        PriceTableReader reader = new PriceTableReader();
        YamlNode base = readDefault(reader.problems());
        return reader.read(YamlNode.merge(base, YamlNode.read(userFile, "price table", reader.problems())));
    }

    /** The default table with {@code yaml} (as if read from a file named {@code name}) laid over it. */
    public static PriceTable load(String name, String yaml) {
        PriceTableReader reader = new PriceTableReader();
        YamlNode base = readDefault(reader.problems());
        return reader.read(YamlNode.merge(base, YamlNode.read(name, new StringReader(yaml), reader.problems())));
    }

    private static YamlNode readDefault(Problems problems) {
        try (InputStream in = PriceTables.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the jar");
            }
            return YamlNode.read(DEFAULT_RESOURCE, new InputStreamReader(in, StandardCharsets.UTF_8), problems);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULT_RESOURCE, e);
        }
    }
}
