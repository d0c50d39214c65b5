package io.egressmon.streams.cost;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A spoke's UTC day in {@value CostQueryStores#DAYS}: the sums of its hours in
 * {@value CostQueryStores#HOURS}, exactly, and the billing key of the hour last written.
 */
public record SpokeDayRow(long bytes, BigDecimal usd, BigDecimal listUsd, String billingKey) {
    private static final byte FORMAT = 1;
    static final SpokeDayRow ZERO = new SpokeDayRow(0, BigDecimal.ZERO, BigDecimal.ZERO, null);

    SpokeDayRow plus(long moreBytes, BigDecimal moreUsd, BigDecimal moreList, String key) {
        return new SpokeDayRow(bytes + moreBytes, usd.add(moreUsd), listUsd.add(moreList), key == null ? billingKey : key);
    }

    byte[] encode() {
        byte[] key = (billingKey == null ? "" : billingKey).getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(1 + 8 + RowCodec.size(usd) + RowCodec.size(listUsd) + RowCodec.size(key));
        b.put(FORMAT).putLong(bytes);
        RowCodec.put(b, usd);
        RowCodec.put(b, listUsd);
        RowCodec.put(b, key);
        return b.array();
    }

    public static SpokeDayRow decode(byte[] row) {
        ByteBuffer b = RowCodec.open(row, FORMAT, "spoke-day");
        return new SpokeDayRow(b.getLong(), RowCodec.decimal(b), RowCodec.decimal(b), RowCodec.string(b));
    }
}
