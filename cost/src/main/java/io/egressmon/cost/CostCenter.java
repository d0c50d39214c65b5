package io.egressmon.cost;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A named group of spokes, like CoPilot CostIQ's cost centers: the gateways named in
 * {@code gateways} and those whose name matches one of {@code patterns}, globs where {@code *} is
 * any run of characters and {@code ?} any one (case-sensitive, as gateway names are). A gateway may
 * be in more than one cost center; its cost then counts in each.
 */
public record CostCenter(String name, List<String> gateways, List<String> patterns) {
    public CostCenter {
        gateways = List.copyOf(gateways);
        patterns = List.copyOf(patterns);
    }

    public boolean contains(String gwName) {
        return gateways.contains(gwName) || patterns.stream().anyMatch(p -> globMatches(p, gwName));
    }

    static boolean globMatches(String glob, String name) {
        StringBuilder regex = new StringBuilder();
        int literalFrom = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?') {
                regex.append(Pattern.quote(glob.substring(literalFrom, i))).append(c == '*' ? ".*" : ".");
                literalFrom = i + 1;
            }
        }
        regex.append(Pattern.quote(glob.substring(literalFrom)));
        return Pattern.matches(regex.toString(), name);
    }
}
