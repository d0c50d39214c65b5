package io.egressmon.cost;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * What a budget covers: one gateway, every gateway of an account, every gateway of an inventory
 * group ({@code group_name}), or every gateway of a cost center. Written {@code kind:name}, e.g.
 * {@code cost_center:accounting}, in alerts' dedupe keys.
 */
public record Scope(Kind kind, String name) {
    public enum Kind {
        GATEWAY("gateway"), ACCOUNT("account"), GROUP("group"), COST_CENTER("cost_center");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        /** As written in the budgets file: {@code gateway}, {@code account}, {@code group}, {@code cost_center}. */
        public String key() {
            return key;
        }

        /** The kind written {@code key}, or null. */
        public static Kind fromKey(String key) {
            return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst().orElse(null);
        }
    }

    public Scope {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    /**
     * The scope written {@code kind:name} (as {@link #toString} writes it).
     *
     * @throws IllegalArgumentException when {@code text} has no colon or an unknown kind
     */
    public static Scope parse(String text) {
        int colon = text.indexOf(':');
        Kind kind = colon < 0 ? null : Kind.fromKey(text.substring(0, colon));
        if (kind == null) {
            throw new IllegalArgumentException("not a scope (kind:name, kind one of gateway, account, group, cost_center): " + text);
        }
        return new Scope(kind, text.substring(colon + 1));
    }

    /** True when {@code gateway}'s cost counts towards this scope ({@code costCenters} by name). */
    public boolean covers(GatewaySite gateway, Map<String, CostCenter> costCenters) {
        return switch (kind) {
            case GATEWAY -> name.equals(gateway.gwName());
            case ACCOUNT -> name.equals(gateway.accountName());
            case GROUP -> name.equals(gateway.groupName());
            case COST_CENTER -> costCenters.containsKey(name) && costCenters.get(name).contains(gateway.gwName());
        };
    }

    @Override
    public String toString() {
        return kind.key + ":" + name;
    }
}
