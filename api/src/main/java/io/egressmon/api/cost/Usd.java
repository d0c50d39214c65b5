package io.egressmon.api.cost;

import java.math.BigDecimal;

/**
 * Dollars as the cost answers write them: exact decimal strings ({@code "12.0000000001"}), never
 * rounded and never in exponent form, so summing what an answer says gives what it says in total.
 * Round only for display.
 */
public final class Usd {
    public static final String ZERO = "0";

    private Usd() {
    }

    /** {@code usd} written exactly, without trailing zeros ({@code 0.10} → {@code "0.1"}, zero → {@code "0"}). */
    public static String text(BigDecimal usd) {
        return usd.signum() == 0 ? ZERO : usd.stripTrailingZeros().toPlainString();
    }

    /** The amount {@code text} says. @throws IllegalArgumentException when it is not a decimal */
    public static BigDecimal parse(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("not a decimal amount of dollars: " + text, e);
        }
    }
}
