package io.egressmon.api.cost;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.egressmon.api.BadParameter;
import io.egressmon.api.GroupBy;
import io.egressmon.api.QueryParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code group_by} of the cost endpoint: bandwidth's keys ({@link GroupBy}: an inventory attribute)
 * or {@code cost_center} (the budgets file's cost centers; a gateway in several counts in each, one
 * in none is in group {@code unknown}).
 *
 * @param attribute the inventory attribute grouped on, or null for cost centers
 */
public record CostGroupBy(GroupBy attribute) {
    public static final String COST_CENTER_KEY = "cost_center";
    public static final CostGroupBy COST_CENTER = new CostGroupBy(null);

    /** The key as typed in {@code group_by=}. */
    @JsonValue
    public String key() {
        return attribute == null ? COST_CENTER_KEY : attribute.key();
    }

    public boolean byCostCenter() {
        return attribute == null;
    }

    /** Every key: bandwidth's, then {@code cost_center}. */
    public static List<String> keys() {
        List<String> keys = new ArrayList<>(GroupBy.keys());
        keys.add(COST_CENTER_KEY);
        return keys;
    }

    /** @throws BadParameter naming {@code group_by} and the valid keys */
    @JsonCreator
    public static CostGroupBy fromKey(String key) {
        String wanted = key == null ? "" : key.trim().toLowerCase(Locale.ROOT);
        if (wanted.equals(COST_CENTER_KEY)) {
            return COST_CENTER;
        }
        for (GroupBy g : GroupBy.values()) {
            if (g.key().equals(wanted)) {
                return new CostGroupBy(g);
            }
        }
        throw new BadParameter(GroupBy.PARAMETER, "unknown group-by key '" + key + "'; expected one of " + String.join(", ", keys()));
    }

    /** {@code group_by} of {@code params}, or null when absent. */
    public static CostGroupBy parse(QueryParameters params) {
        return params.has(GroupBy.PARAMETER) ? fromKey(params.raw(GroupBy.PARAMETER)) : null;
    }

    @Override
    public String toString() {
        return key();
    }
}
