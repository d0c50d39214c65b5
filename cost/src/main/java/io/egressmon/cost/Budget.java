package io.egressmon.cost;

import java.math.BigDecimal;
import java.util.Objects;

/** A monthly budget in US dollars, more than zero, for the cost of one {@link Scope}. */
public record Budget(Scope scope, BigDecimal monthlyUsd) {
    public Budget {
        Objects.requireNonNull(scope, "scope");
        if (monthlyUsd.signum() <= 0) {
            throw new IllegalArgumentException("a budget is more than $0: " + scope + " " + monthlyUsd.toPlainString());
        }
    }
}
