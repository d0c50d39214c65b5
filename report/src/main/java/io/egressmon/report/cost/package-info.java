/**
 * {@code egressmon report cost}: the cost answer ({@code GET /api/v1/cost}, {@code io.egressmon.api.cost})
 * as text ({@link io.egressmon.report.cost.CostText}), CSV ({@link io.egressmon.report.cost.CostCsv}) and
 * JSON ({@link io.egressmon.report.cost.CostJson}). Dollars stay exact until shown: only the text rounds,
 * to the cent ({@link io.egressmon.report.cost.Dollars}).
 */
package io.egressmon.report.cost;
