package io.egressmon.copilot.sim;

/** {@code min} and {@code max} of one counter's samples inside a queried range. */
public record CounterRange(long min, long max) {
}
