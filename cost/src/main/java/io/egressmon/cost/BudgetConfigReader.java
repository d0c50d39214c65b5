package io.egressmon.cost;

import io.egressmon.cost.YamlNode.Entry;
import io.egressmon.cost.YamlNode.Mapping;
import io.egressmon.cost.YamlNode.Sequence;
import io.egressmon.cost.YamlNode.Where;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Turns a budgets-file tree into a {@link BudgetConfig}, or reports every problem with its line. */
final class BudgetConfigReader {
    private static final List<String> SCOPE_KINDS = Arrays.stream(Scope.Kind.values()).map(Scope.Kind::key).toList();

    private final Problems problems = new Problems();
    private final FieldReader fields = new FieldReader(problems, "the budgets file");
    private final List<GatewaySite> known;

    BudgetConfigReader(Collection<GatewaySite> knownGateways) {
        this.known = List.copyOf(knownGateways);
    }

    Problems problems() {
        return problems;
    }

    /** @throws BudgetConfigException listing every problem found, here or before (while parsing) */
    BudgetConfig read(YamlNode root) {
        Mapping top = fields.mapping(root, "the budgets file");
        Map<String, CostCenter> centers = new LinkedHashMap<>();
        List<Budget> budgets = new ArrayList<>();
        SpikeRule spike = SpikeRule.DEFAULT;
        if (top != null) {
            fields.onlyKeys(top, "", List.of("cost_centers", "budgets", "alerts"));
            Mapping centersNode = fields.mapping(top.get("cost_centers"), "cost_centers");
            for (Entry e : centersNode == null ? List.<Entry>of() : centersNode.entries().values()) {
                CostCenter c = costCenter(e);
                if (c != null) {
                    centers.put(c.name(), c);
                }
            }
            budgets = budgets(fields.list(top.get("budgets"), "budgets", "[{scope: gateway, name: spoke-1, monthly_usd: 100}]"),
                    centers);
            spike = new SpikeRuleReader(fields).read(top.get("alerts"));
        }
        problems.throwIfAny(BudgetConfigException::new);
        return new BudgetConfig(centers, budgets, spike);
    }

    private CostCenter costCenter(Entry e) {
        String path = "cost_centers." + e.key();
        Mapping m = fields.mapping(e.value(), path);
        if (m == null) {
            return null;
        }
        fields.onlyKeys(m, path, List.of("gateways", "patterns"));
        List<String> gateways = texts(m.get("gateways"), path + ".gateways", "spoke-1");
        List<String> patterns = texts(m.get("patterns"), path + ".patterns", "accounting-*");
        CostCenter center = new CostCenter(e.key(), gateways, patterns);
        if (gateways.isEmpty() && patterns.isEmpty()) {
            problems.add(e.keyWhere(), "cost center '" + e.key() + "' names no gateways",
                    "add gateways: [names] or patterns: [globs such as accounting-*]");
            return null;
        }
        if (known.stream().noneMatch(g -> center.contains(g.gwName()))) {
            problems.add(e.keyWhere(), "cost center '" + e.key() + "' matches none of the " + known.size() + " known gateways",
                    "correct its gateways or patterns (a glob: * any characters, ? one; names are case-sensitive)");
            return null;
        }
        return center;
    }

    private List<String> texts(YamlNode node, String path, String example) {
        Sequence list = fields.list(node, path, "[" + example + "]");
        List<String> texts = new ArrayList<>();
        for (YamlNode item : list == null ? List.<YamlNode>of() : list.items()) {
            String s = fields.text(item, path + "[]", example);
            if (s != null) {
                texts.add(s);
            }
        }
        return texts;
    }

    private List<Budget> budgets(Sequence list, Map<String, CostCenter> centers) {
        List<Budget> budgets = new ArrayList<>();
        Map<Scope, Where> seen = new HashMap<>();
        for (YamlNode item : list == null ? List.<YamlNode>of() : list.items()) {
            Budget b = budget(item, centers);
            if (b == null) {
                continue;
            }
            Where first = seen.putIfAbsent(b.scope(), item.where());
            if (first != null) {
                problems.add(item.where(), "the budget of " + b.scope() + " is given twice (also at line " + first.line() + ")",
                        "keep one of them");
            } else {
                budgets.add(b);
            }
        }
        return budgets;
    }

    private Budget budget(YamlNode node, Map<String, CostCenter> centers) {
        Mapping m = fields.mapping(node, "budgets[]");
        if (m == null) {
            return null;
        }
        fields.onlyKeys(m, "budgets[]", List.of("scope", "name", "monthly_usd"));
        String fix = "write a budget as {scope: " + String.join("|", SCOPE_KINDS) + ", name: …, monthly_usd: …}";
        boolean complete = fields.required(m, "scope", "the budget", fix) & fields.required(m, "name", "the budget", fix)
                & fields.required(m, "monthly_usd", "the budget", fix);
        Scope.Kind kind = kind(m.get("scope"));
        String name = fields.text(m.get("name"), "budgets[].name", "accounting");
        BigDecimal usd = fields.number(m.get("monthly_usd"), "budgets[].monthly_usd", "500");
        if (usd != null && usd.signum() <= 0) {
            problems.add(m.get("monthly_usd").where(), "monthly_usd must be more than 0, not " + usd.toPlainString(),
                    "give the monthly budget in US dollars, e.g. monthly_usd: 500 (remove the budget to have none)");
            usd = null;
        }
        if (!complete || kind == null || name == null || usd == null || !covered(kind, name, m.get("name").where(), centers)) {
            return null;
        }
        return new Budget(new Scope(kind, name), usd);
    }

    private Scope.Kind kind(YamlNode node) {
        String text = fields.text(node, "budgets[].scope", "gateway");
        Scope.Kind kind = text == null ? null : Scope.Kind.fromKey(text);
        if (text != null && kind == null) {
            problems.add(node.where(), "unknown scope kind '" + text + "'",
                    FieldReader.didYouMean(text, SCOPE_KINDS) + "use one of " + FieldReader.oneOf(SCOPE_KINDS));
        }
        return kind;
    }

    /** True when a budget of {@code kind} {@code name} covers a known gateway or a cost center; else reports it. */
    private boolean covered(Scope.Kind kind, String name, Where where, Map<String, CostCenter> centers) {
        if (kind == Scope.Kind.COST_CENTER) {
            if (centers.containsKey(name)) {
                return true;
            }
            problems.add(where, "no cost center is named '" + name + "'",
                    FieldReader.didYouMean(name, centers.keySet()) + "define it under cost_centers, or use one of: "
                            + FieldReader.oneOf(centers.keySet()));
            return false;
        }
        Function<GatewaySite, String> attribute = switch (kind) {
            case GATEWAY -> GatewaySite::gwName;
            case ACCOUNT -> GatewaySite::accountName;
            default -> GatewaySite::groupName;
        };
        List<String> names = known.stream().map(attribute).filter(n -> n != null).distinct().toList();
        if (names.contains(name)) {
            return true;
        }
        problems.add(where, "no known gateway has " + kind.key() + " '" + name + "'",
                FieldReader.didYouMean(name, names) + "name a " + kind.key() + " of the inventory ("
                        + names.size() + " known)");
        return false;
    }
}
