package io.egressmon.copilot.sim;

/** Bytes an interface's counters recorded over a period, resets accounted for. */
public record InterfaceDelta(long rxBytes, long txBytes) {

    public static final InterfaceDelta ZERO = new InterfaceDelta(0, 0);
}
