package io.egressmon.copilot.sim;

/** One sample of an interface's two cumulative counters. */
public record Reading(long rxBytes, long txBytes) {
}
