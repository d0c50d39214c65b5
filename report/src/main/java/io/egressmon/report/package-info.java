/**
 * Bandwidth reports in the exact formats of the original Python scripts: the domain records
 * ({@link io.egressmon.report.SpokeBandwidth}, {@link io.egressmon.report.GroupBandwidth},
 * {@link io.egressmon.report.BandwidthReport}), the seed's text, CSV and JSON writers, human-readable
 * bytes, and the reading of the REST API's JSON back into a report for the {@code report} CLI.
 * Python's own rules (float formatting, {@code csv}, {@code json.dumps}, {@code isoformat}) are
 * emulated where the originals relied on them, so the output can be diffed against the old scripts'.
 */
package io.egressmon.report;
