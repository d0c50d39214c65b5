package io.egressmon.cost;

import io.egressmon.cost.YamlNode.Mapping;
import java.math.BigDecimal;
import java.util.List;

/** Reads a budgets file's {@code alerts: {spike: …}}; what it does not say is {@link SpikeRule#DEFAULT}'s. */
final class SpikeRuleReader {
    private static final String PATH = "alerts.spike";

    private final FieldReader fields;

    SpikeRuleReader(FieldReader fields) {
        this.fields = fields;
    }

    SpikeRule read(YamlNode alertsNode) {
        Mapping alerts = fields.mapping(alertsNode, "alerts");
        if (alerts == null) {
            return SpikeRule.DEFAULT;
        }
        fields.onlyKeys(alerts, "alerts", List.of("spike"));
        Mapping m = fields.mapping(alerts.get("spike"), PATH);
        if (m == null) {
            return SpikeRule.DEFAULT;
        }
        fields.onlyKeys(m, PATH, List.of("factor", "min_day_usd", "baseline_days", "min_baseline_days"));
        SpikeRule d = SpikeRule.DEFAULT;
        BigDecimal factor = fields.number(m.get("factor"), PATH + ".factor", "3");
        if (factor != null && factor.signum() <= 0) {
            fields.problems.add(m.get("factor").where(), PATH + ".factor must be more than 0, not " + factor.toPlainString(),
                    "a day is a spike above factor × the baseline's median, e.g. factor: 3");
            factor = null;
        }
        BigDecimal minDay = fields.notNegative(m.get("min_day_usd"), PATH + ".min_day_usd", "10",
                "the least a day must cost, in US dollars, to be a spike: 0 or more");
        Integer baseline = days(m, "baseline_days");
        Integer minBaseline = days(m, "min_baseline_days");
        int baselineDays = baseline == null ? d.baselineDays() : baseline;
        if (minBaseline != null && minBaseline > baselineDays) {
            fields.problems.add(m.get("min_baseline_days").where(), PATH + ".min_baseline_days (" + minBaseline
                    + ") is more than baseline_days (" + baselineDays + ")", "make it at most baseline_days");
            minBaseline = null;
        }
        return new SpikeRule(factor == null ? d.factor() : factor, minDay == null ? d.minDayUsd() : minDay,
                baselineDays, minBaseline == null ? Math.min(d.minBaselineDays(), baselineDays) : minBaseline);
    }

    private Integer days(Mapping m, String key) {
        BigDecimal n = fields.number(m.get(key), PATH + "." + key, "30");
        if (n == null) {
            return null;
        }
        if (n.stripTrailingZeros().scale() > 0 || n.compareTo(BigDecimal.ONE) < 0 || n.compareTo(BigDecimal.valueOf(366)) > 0) {
            fields.problems.add(m.get(key).where(), PATH + "." + key + " must be a whole number of days from 1 to 366, not "
                    + n.toPlainString(), "e.g. " + key + ": " + (key.equals("baseline_days") ? 30 : 7));
            return null;
        }
        return n.intValueExact();
    }
}
