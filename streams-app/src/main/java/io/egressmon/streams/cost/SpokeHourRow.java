package io.egressmon.streams.cost;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A spoke-hour in {@value CostQueryStores#HOURS}: what {@code cost.spoke-hours} last said of it.
 * The account's bytes and tier are those of when the hour was last priced (a late earlier hour moves
 * later hours along the month without re-pricing those whose cost it does not change).
 *
 * @param billingKey {@code provider|account|region}
 */
public record SpokeHourRow(long bytes, BigDecimal usd, BigDecimal listUsd, long accountHourBytes,
                           long accountMonthBytesBefore, int tier, BigDecimal tierUsdPerUnit, String billingKey) {
    private static final byte FORMAT = 1;

    byte[] encode(byte[] billingKeyUtf8) {
        ByteBuffer b = ByteBuffer.allocate(1 + 8 + RowCodec.size(usd) + RowCodec.size(listUsd) + 8 + 8 + 4
                + RowCodec.size(tierUsdPerUnit) + RowCodec.size(billingKeyUtf8));
        b.put(FORMAT).putLong(bytes);
        RowCodec.put(b, usd);
        RowCodec.put(b, listUsd);
        b.putLong(accountHourBytes).putLong(accountMonthBytesBefore).putInt(tier);
        RowCodec.put(b, tierUsdPerUnit);
        RowCodec.put(b, billingKeyUtf8);
        return b.array();
    }

    byte[] encode() {
        return encode(billingKey.getBytes(StandardCharsets.UTF_8));
    }

    public static SpokeHourRow decode(byte[] row) {
        ByteBuffer b = RowCodec.open(row, FORMAT, "spoke-hour");
        return new SpokeHourRow(b.getLong(), RowCodec.decimal(b), RowCodec.decimal(b), b.getLong(), b.getLong(), b.getInt(),
                RowCodec.decimal(b), RowCodec.string(b));
    }

    /** What a day's rollup needs of a row: its bytes and dollars, the rest left unread. */
    static SpokeDayRow amounts(byte[] row) {
        ByteBuffer b = RowCodec.open(row, FORMAT, "spoke-hour");
        return new SpokeDayRow(b.getLong(), RowCodec.decimal(b), RowCodec.decimal(b), null);
    }
}
