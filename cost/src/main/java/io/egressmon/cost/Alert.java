package io.egressmon.cost;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Objects;

/**
 * A budget or spend alert, as {@link AlertRules} raise them.
 *
 * @param level     the threshold's percent ({@code 50}, {@code 80}, {@code 100}), {@code forecast}
 *                  for a burn rate, the day ({@code 2026-03-14}) for a spike
 * @param month     the month the alert is about (a spike's: the month of its day)
 * @param when      the data time of the evaluation that raised it (its {@code asOf}), not a wall
 *                  clock, so that evaluating the same data again gives the same alert
 * @param amountUsd what was measured: month-to-date spend (threshold), the month-end forecast (burn
 *                  rate), the day's spend (spike)
 * @param limitUsd  what it was measured against: the budget × the threshold's percent, the budget,
 *                  the spike rule's factor × the baseline's median
 * @param message   one sentence for people (a webhook's text)
 */
public record Alert(Scope scope, Kind kind, String level, YearMonth month, Instant when,
                    BigDecimal amountUsd, BigDecimal limitUsd, String message) {
    public enum Kind {
        THRESHOLD("threshold"), BURN_RATE("burn_rate"), SPIKE("spike");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    public Alert {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(month, "month");
    }

    /**
     * {@code scope|month|kind|level}, e.g. {@code cost_center:accounting|2026-03|threshold|80}: the
     * same alert has the same key however often it is evaluated, so a consumer that keeps the keys
     * it has raised raises each alert once (a threshold and a burn rate once per scope and month, a
     * spike once per scope and day).
     */
    public String dedupeKey() {
        return scope + "|" + month + "|" + kind.key + "|" + level;
    }
}
