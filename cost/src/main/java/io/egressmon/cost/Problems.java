package io.egressmon.cost;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The problems found while reading a price table, in the order found. */
final class Problems {
    private final List<PriceTableException.Problem> found = new ArrayList<>();

    void add(YamlNode.Where where, String message, String fix) {
        found.add(new PriceTableException.Problem(where.file(), where.line(), message, fix));
    }

    /** @throws PriceTableException listing every problem, if there was any, by file and line */
    void throwIfAny() {
        if (!found.isEmpty()) {
            found.sort(Comparator.comparing(PriceTableException.Problem::file).thenComparingInt(PriceTableException.Problem::line));
            throw new PriceTableException(found);
        }
    }
}
