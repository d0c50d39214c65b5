/**
 * FlowIQ top talkers in the exact text and JSON formats of the original {@code flowiq_top_talkers.py},
 * printed from {@link io.egressmon.api.talkers.TopTalkersAnswer}.
 */
package io.egressmon.report.talkers;
