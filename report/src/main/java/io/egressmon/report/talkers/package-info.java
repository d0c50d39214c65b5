/**
 * FlowIQ top talkers (issue 3) in the exact formats of the original {@code flowiq_top_talkers.py}: the
 * domain records ({@link io.egressmon.report.talkers.RankedTalker},
 * {@link io.egressmon.report.talkers.TopTalkersReport} for the global ranking,
 * {@link io.egressmon.report.talkers.PerSpokeTalkersReport} with
 * {@link io.egressmon.report.talkers.SpokeTalkers} and {@link io.egressmon.report.talkers.GroupTalkers} for
 * {@code --per-spoke [--group-by]}), the text, CSV and JSON writers, the query the CLI sends and the
 * reading of {@code GET /api/v1/top-talkers} back into a report. Byte formatting, CSV dialect and JSON
 * layout come from the bandwidth report's {@link io.egressmon.report.HumanBytes},
 * {@link io.egressmon.report.PythonCsv} and {@link io.egressmon.report.PythonJson}.
 */
package io.egressmon.report.talkers;
