package io.egressmon.api;

import java.util.Locale;

/** What an answer is written as: JSON, or the original scripts' CSV where the endpoint has one. */
public enum Format {
    JSON, CSV;

    public static final String PARAMETER = "format";

    /**
     * {@code format=json|csv}; without it, an {@code Accept} header naming {@code text/csv} asks for CSV.
     *
     * @param csvExists whether the endpoint has a CSV
     * @throws BadParameter naming {@code format}
     */
    public static Format parse(QueryParameters params, String accept, boolean csvExists) {
        String format = params.raw(PARAMETER);
        if (format == null) {
            return csvExists && accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv") ? CSV : JSON;
        }
        switch (format.trim().toLowerCase(Locale.ROOT)) {
            case "json":
                return JSON;
            case "csv":
                if (csvExists) {
                    return CSV;
                }
                throw new BadParameter(PARAMETER, "this endpoint answers JSON only; leave format out or use format=json");
            default:
                throw new BadParameter(PARAMETER, "format='" + format + "' is not one of json, csv");
        }
    }
}
