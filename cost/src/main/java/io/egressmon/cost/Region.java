package io.egressmon.cost;

import java.util.Locale;

/**
 * A region the price table knows, with what its price key needs: Azure prices by zone (its billing
 * zones, not availability zones), Google premium and standard tier by continent; AWS and OCI by the
 * region itself (both null).
 */
public record Region(String name, String zone, String continent) {
    /**
     * The form region names are compared in: lower case without spaces, so that CoPilot's
     * {@code North Europe} and Azure's {@code northeurope} are one region.
     */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replace(" ", "");
    }
}
