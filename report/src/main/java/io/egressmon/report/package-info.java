/**
 * The reports of the original Python scripts, printed from the REST API's answers (the {@code api}
 * module's records): the human-readable text and the {@code json.dumps(indent=2)} JSON of both
 * reports ({@link io.egressmon.report.BandwidthText}, {@link io.egressmon.report.BandwidthJson},
 * {@link io.egressmon.report.talkers.TopTalkersText}, {@link io.egressmon.report.talkers.TopTalkersJson});
 * their CSV is the API's own ({@code format=csv}). Python's own rules ({@code json.dumps}) are
 * emulated where the originals relied on them, so the output can be diffed against the old scripts'.
 * Nothing here computes: grouping and sums come in the answer.
 */
package io.egressmon.report;
