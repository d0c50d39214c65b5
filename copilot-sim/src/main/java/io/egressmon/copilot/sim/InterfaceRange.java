package io.egressmon.copilot.sim;

/** What the performance API reports for one interface: both counters' ranges. */
public record InterfaceRange(CounterRange rxBytes, CounterRange txBytes) {
}
