package io.egressmon.api.alerts;

import io.egressmon.api.BadParameter;
import io.egressmon.api.QueryParameters;
import io.egressmon.api.QueryString;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code GET /api/v1/alerts}: the alerts raised for a month and where each budget stands.
 *
 * @param month     the calendar month (UTC) asked; the current one by default
 * @param scopeKind with {@code scopeName}, one scope only ({@code scope=kind:name}); null for all
 * @param kind      one kind of alert only ({@code threshold}, {@code burn_rate}, {@code spike}); null for all
 */
public record AlertsRequest(YearMonth month, String scopeKind, String scopeName, String kind) {
    public static final String MONTH = "month";
    public static final String SCOPE = "scope";
    public static final String KIND = "kind";
    public static final Set<String> PARAMETERS = Set.of(MONTH, SCOPE, KIND);
    /** What a budget can cover, as the budgets file writes it (docs/budgets.md). */
    public static final List<String> SCOPE_KINDS = List.of("gateway", "account", "group", "cost_center");
    /** The kinds of alert (docs/budgets.md, "Alert rules"). */
    public static final List<String> ALERT_KINDS = List.of("threshold", "burn_rate", "spike");

    public AlertsRequest {
        Objects.requireNonNull(month, "month");
        if ((scopeKind == null) != (scopeName == null)) {
            throw new IllegalArgumentException("a scope has both a kind and a name");
        }
        if (scopeKind != null && !SCOPE_KINDS.contains(scopeKind)) {
            throw new BadParameter(SCOPE, "scope kind '" + scopeKind + "' is not one of " + String.join(", ", SCOPE_KINDS));
        }
        if (kind != null && !ALERT_KINDS.contains(kind)) {
            throw new BadParameter(KIND, "kind='" + kind + "' is not one of " + String.join(", ", ALERT_KINDS));
        }
    }

    /** The request in {@code params}; without {@code month}, the month of {@code now} (UTC). */
    public static AlertsRequest parse(QueryParameters params, Instant now) {
        YearMonth month = params.has(MONTH) ? month(params.raw(MONTH)) : YearMonth.from(now.atZone(ZoneOffset.UTC));
        String kind = null;
        String name = null;
        if (params.has(SCOPE)) {
            String scope = params.raw(SCOPE).trim();
            int colon = scope.indexOf(':');
            if (colon <= 0 || colon == scope.length() - 1) {
                throw new BadParameter(SCOPE, "scope='" + params.raw(SCOPE) + "' is not kind:name, e.g. cost_center:accounting");
            }
            kind = scope.substring(0, colon);
            name = scope.substring(colon + 1);
        }
        String alertKind = params.has(KIND) ? params.raw(KIND).trim() : null;
        if (alertKind != null && alertKind.isEmpty()) {
            throw new BadParameter(KIND, "kind is empty; expected one of " + String.join(", ", ALERT_KINDS));
        }
        return new AlertsRequest(month, kind, name, alertKind);
    }

    /** {@code yyyy-MM}. @throws BadParameter naming {@code month} */
    public static YearMonth month(String text) {
        try {
            return YearMonth.parse(text == null ? "" : text.trim());
        } catch (DateTimeParseException e) {
            throw new BadParameter(MONTH, "month='" + text + "' is not a month; expected yyyy-MM, e.g. 2026-03");
        }
    }

    /** {@code kind:name}, or null for every scope. */
    public String scope() {
        return scopeKind == null ? null : scopeKind + ":" + scopeName;
    }

    public QueryString toQuery() {
        return new QueryString().put(MONTH, month).put(SCOPE, scope()).put(KIND, kind);
    }
}
