package io.egressmon.streams.cost;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A billing account's month in {@value CostQueryStores#ACCOUNT_MONTHS}: where it stands on its tiers
 * after all the hours held, and its spokes with the end of each one's last priced hour (hours since
 * the epoch): which gateways to read, and how far the month is priced.
 *
 * @param unit            {@code GB} or {@code GiB}
 * @param monthBytes      the month's position on the ladder, {@code tier_start_gb} included
 * @param bytesLeftInTier {@code -1} in the last tier
 */
public record AccountMonthRow(String unit, long monthBytes, int tier, BigDecimal usdPerUnit, long bytesLeftInTier,
                              List<Spoke> spokes) {
    private static final byte FORMAT = 1;

    /** @param pricedUntilHour the end of the spoke's last priced hour of the month, in hours since the epoch */
    public record Spoke(String gateway, int pricedUntilHour) {
    }

    public AccountMonthRow {
        spokes = List.copyOf(spokes);
    }

    byte[] encode() {
        byte[] unitUtf8 = unit.getBytes(StandardCharsets.UTF_8);
        List<byte[]> names = new ArrayList<>(spokes.size());
        int size = 1 + RowCodec.size(unitUtf8) + 8 + 4 + RowCodec.size(usdPerUnit) + 8 + 4;
        for (Spoke s : spokes) {
            byte[] name = s.gateway.getBytes(StandardCharsets.UTF_8);
            names.add(name);
            size += RowCodec.size(name) + 4;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(FORMAT);
        RowCodec.put(b, unitUtf8);
        b.putLong(monthBytes).putInt(tier);
        RowCodec.put(b, usdPerUnit);
        b.putLong(bytesLeftInTier).putInt(spokes.size());
        for (int i = 0; i < spokes.size(); i++) {
            RowCodec.put(b, names.get(i));
            b.putInt(spokes.get(i).pricedUntilHour);
        }
        return b.array();
    }

    public static AccountMonthRow decode(byte[] row) {
        ByteBuffer b = RowCodec.open(row, FORMAT, "account-month");
        String unit = RowCodec.string(b);
        long monthBytes = b.getLong();
        int tier = b.getInt();
        BigDecimal price = RowCodec.decimal(b);
        long left = b.getLong();
        int n = b.getInt();
        List<Spoke> spokes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            spokes.add(new Spoke(RowCodec.string(b), b.getInt()));
        }
        return new AccountMonthRow(unit, monthBytes, tier, price, left, spokes);
    }

    /** The end of the hour up to which every spoke of the month is priced (hours since the epoch). */
    public int pricedUntilHour() {
        return spokes.stream().mapToInt(Spoke::pricedUntilHour).min().orElse(Integer.MIN_VALUE);
    }
}
