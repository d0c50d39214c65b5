package io.egressmon.api;

import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** What every instance-to-instance part of a fan-out asks for: a period, the plan's cut-over, and partitions. */
public final class Partitions {
    private Partitions() {
    }

    /**
     * {@code partitions}, sorted and unmodifiable, once the bounds are checked.
     *
     * @param since the plan's cut-over between fine and coarse windows, so every instance reads the same ones
     * @throws BadParameter naming {@code to} unless {@code from} is before it
     */
    public static SortedSet<Integer> checked(Instant from, Instant to, Instant since, Set<Integer> partitions) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(since, "since");
        if (!from.isBefore(to)) {
            throw new BadParameter("to", "to must be after from");
        }
        return Collections.unmodifiableSortedSet(new TreeSet<>(partitions));
    }

    /** {@code 0,3,4}, as the {@code partitions} parameter writes them. */
    public static String list(Set<Integer> partitions) {
        return new TreeSet<>(partitions).stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
