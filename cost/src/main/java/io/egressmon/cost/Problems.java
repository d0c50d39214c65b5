package io.egressmon.cost;

import java.util.ArrayList;
import java.util.List;

/** The problems found while reading a price table, in the order found. */
final class Problems {
    private final List<PriceTableException.Problem> found = new ArrayList<>();

    void add(YamlNode.Where where, String message, String fix) {
        found.add(new PriceTableException.Problem(where.file(), where.line(), message, fix));
    }

    boolean any() {
        return !found.isEmpty();
    }

    /** @throws PriceTableException listing every problem, if there was any */
    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new PriceTableException(found);
        }
    }
}
