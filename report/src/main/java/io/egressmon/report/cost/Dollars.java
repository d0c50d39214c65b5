package io.egressmon.report.cost;

import io.egressmon.api.cost.Usd;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Dollars as people read them: the API's exact decimal string rounded half-up to the cent, with
 * thousands separators ({@code "1234.565"} → {@code "$1,234.57"}). The dashboard rounds the same way
 * (from the string, not through a binary double), so a report and the page show the same cents.
 */
public final class Dollars {
    private Dollars() {
    }

    /** {@code $x.xx}; a null amount (not priced) is {@code "-"}. */
    public static String cents(String usd) {
        if (usd == null) {
            return "-";
        }
        // %f of a BigDecimal formats its exact value, no double in between.
        return "$" + String.format(Locale.ROOT, "%,.2f", Usd.parse(usd).setScale(2, RoundingMode.HALF_UP));
    }
}
