package io.egressmon.cost;

import io.egressmon.cost.CostConfigException.Problem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** The problems found while reading a configuration file of the cost module, in the order found. */
final class Problems {
    private final List<Problem> found = new ArrayList<>();

    void add(YamlNode.Where where, String message, String fix) {
        found.add(new Problem(where.file(), where.line(), message, fix));
    }

    /** @throws CostConfigException of {@code kind}, listing every problem, if there was any, by file and line */
    void throwIfAny(Function<List<Problem>, ? extends CostConfigException> kind) {
        if (!found.isEmpty()) {
            found.sort(Comparator.comparing(Problem::file).thenComparingInt(Problem::line));
            throw kind.apply(found);
        }
    }
}
