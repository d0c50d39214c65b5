package io.egressmon.cost;

import java.util.List;

/** A price table that cannot be used; see {@link CostConfigException}. */
public final class PriceTableException extends CostConfigException {
    public PriceTableException(List<Problem> problems) {
        super("price table", problems);
    }
}
