package io.egressmon.streams.talkers;

import java.util.Arrays;
import java.util.BitSet;
import java.util.function.IntPredicate;

/**
 * A talker table's counts by IP — bytes, error, packets — in flat arrays: what {@link TalkerTable}
 * and its {@link TalkerTable.Merger} hold. An instance keeps millions of them between commits
 * ({@link BufferedTalkerStore}: every spoke's table of the day) and writes them all at every commit,
 * so an entry should cost little memory and no object.
 *
 * <p>An open-addressing table with linear probing, addressed by slot. An IPv4 address in canonical
 * text (four decimal numbers without leading zeros, as the processors write them) is kept as its
 * number: adding one allocates nothing, and an entry costs about 30 bytes instead of about 140 as a
 * {@code HashMap} of {@code String}s. Any other text (IPv6, or an old table's {@code 010.0.0.1})
 * keeps its {@code String} in a side column; one text always maps to the same key, so two texts are
 * one entry exactly when they are equal. The error and packet columns appear with their first
 * non-zero value (FlowIQ gives no packets; a table within its capacity has no errors).
 *
 * <p>Not thread-safe. A {@link TalkerTable}'s counts are a {@link #copy()} that nothing changes.
 */
final class IpCounts {
    private static final long FREE = 0;
    /** The key of a slot whose IP is not canonical IPv4: its text is in {@link #texts}. */
    private static final long TEXT = -1;
    private static final int MIN_SLOTS = 16;

    /** {@link #FREE}, {@link #TEXT}, or an IPv4 address + 1. */
    private long[] keys;
    private String[] texts;
    private long[] bytes;
    private long[] errors;
    private long[] packets;
    private int size;
    private int shift;

    IpCounts() {
        this(MIN_SLOTS);
    }

    private IpCounts(int slots) {
        this(new long[slots], null, new long[slots], null, null, 0);
    }

    private IpCounts(long[] keys, String[] texts, long[] bytes, long[] errors, long[] packets, int size) {
        this.keys = keys;
        this.texts = texts;
        this.bytes = bytes;
        this.errors = errors;
        this.packets = packets;
        this.size = size;
        this.shift = 64 - Integer.numberOfTrailingZeros(keys.length);
    }

    /** Room for {@code entries} without growing. */
    static IpCounts withRoomFor(int entries) {
        return new IpCounts(slotsFor(entries));
    }

    private static int slotsFor(int entries) {
        int slots = MIN_SLOTS;
        while (slots * 3L / 4 < entries) {
            slots <<= 1;
        }
        return slots;
    }

    int size() {
        return size;
    }

    /** Slots are numbered {@code 0 ≤ slot < slots()}; the {@link #used} ones hold an entry. */
    int slots() {
        return keys.length;
    }

    boolean used(int slot) {
        return keys[slot] != FREE;
    }

    long bytes(int slot) {
        return bytes[slot];
    }

    long error(int slot) {
        return errors == null ? 0 : errors[slot];
    }

    long packets(int slot) {
        return packets == null ? 0 : packets[slot];
    }

    void addBytes(int slot, long n) {
        bytes[slot] += n;
    }

    void addError(int slot, long n) {
        if (n != 0) {
            if (errors == null) {
                errors = new long[keys.length];
            }
            errors[slot] += n;
        }
    }

    void addPackets(int slot, long n) {
        if (n != 0) {
            if (packets == null) {
                packets = new long[keys.length];
            }
            packets[slot] += n;
        }
    }

    /** The largest error of any entry; 0 when there is none. */
    long maxError() {
        long max = 0;
        if (errors != null) {
            for (long e : errors) {
                max = Math.max(max, e);
            }
        }
        return max;
    }

    /** The IP of a used slot, as text. */
    String ip(int slot) {
        long key = keys[slot];
        return key == TEXT ? texts[slot] : ipv4Text(key - 1);
    }

    /** The used slot holds an IPv4 address (else a text: {@link #ip}). */
    boolean isIpv4(int slot) {
        return keys[slot] > 0;
    }

    /**
     * Writes the canonical text of the IPv4 address in {@code slot} into {@code out} (at least 15
     * bytes) as ASCII, without making a {@code String}, and returns its length.
     */
    int ipv4Text(int slot, byte[] out) {
        long address = keys[slot] - 1;
        int n = 0;
        for (int shiftBy = 24; shiftBy >= 0; shiftBy -= 8) {
            int octet = (int) (address >>> shiftBy) & 0xFF;
            if (octet >= 100) {
                out[n++] = (byte) ('0' + octet / 100);
            }
            if (octet >= 10) {
                out[n++] = (byte) ('0' + octet / 10 % 10);
            }
            out[n++] = (byte) ('0' + octet % 10);
            if (shiftBy > 0) {
                out[n++] = '.';
            }
        }
        return n;
    }

    /** The slot of {@code ip}, or -1. */
    int find(String ip) {
        long address = ipv4(ip);
        return address >= 0 ? findIpv4(address) : findText(ip);
    }

    /** The slot of {@code other}'s IP at {@code slot} in this table, or -1. */
    int find(IpCounts other, int slot) {
        long key = other.keys[slot];
        return key == TEXT ? findText(other.texts[slot]) : findIpv4(key - 1);
    }

    int findIpv4(long address) {
        long key = address + 1;
        for (int s = home(key); ; s = (s + 1) & (keys.length - 1)) {
            if (keys[s] == key) {
                return s;
            }
            if (keys[s] == FREE) {
                return -1;
            }
        }
    }

    private int findText(String text) {
        for (int s = home(text.hashCode()); ; s = (s + 1) & (keys.length - 1)) {
            if (keys[s] == TEXT && texts[s].equals(text)) {
                return s;
            }
            if (keys[s] == FREE) {
                return -1;
            }
        }
    }

    /**
     * The slot of {@code ip}, added with zero counts when absent ({@link #size()} then grows by one).
     * A slot number holds only until the next addition.
     */
    int slotOf(String ip) {
        long address = ipv4(ip);
        return address >= 0 ? slotOfIpv4(address) : slotOfText(ip);
    }

    /** {@link #slotOf(String)} of {@code other}'s IP at {@code slot}. */
    int slotOf(IpCounts other, int slot) {
        long key = other.keys[slot];
        return key == TEXT ? slotOfText(other.texts[slot]) : slotOfIpv4(key - 1);
    }

    /** {@link #slotOf(String)} of an IPv4 address ({@code 0 ≤ address < 2³²}). */
    int slotOfIpv4(long address) {
        long key = address + 1;
        int s = home(key);
        while (keys[s] != FREE) {
            if (keys[s] == key) {
                return s;
            }
            s = (s + 1) & (keys.length - 1);
        }
        if (size + 1 > keys.length * 3L / 4) {
            grow();
            return slotOfIpv4(address);
        }
        keys[s] = key;
        size++;
        return s;
    }

    private int slotOfText(String text) {
        int s = home(text.hashCode());
        while (keys[s] != FREE) {
            if (keys[s] == TEXT && texts[s].equals(text)) {
                return s;
            }
            s = (s + 1) & (keys.length - 1);
        }
        if (size + 1 > keys.length * 3L / 4) {
            grow();
            return slotOfText(text);
        }
        if (texts == null) {
            texts = new String[keys.length];
        }
        keys[s] = TEXT;
        texts[s] = text;
        size++;
        return s;
    }

    /** Fibonacci hashing: the top bits of the key times 2⁶⁴/φ. */
    private int home(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    }

    private void grow() {
        rebuild(keys.length * 2, null);
    }

    /** Keeps the used slots that {@code keep} accepts (asked once each, before any moves) and drops the rest. */
    void retain(IntPredicate keep) {
        BitSet kept = new BitSet(keys.length);
        int n = 0;
        for (int s = 0; s < keys.length; s++) {
            if (keys[s] != FREE && keep.test(s)) {
                kept.set(s);
                n++;
            }
        }
        rebuild(slotsFor(n), kept);
    }

    /** Moves the entries (those in {@code only}, unless null) into {@code slots} slots. */
    private void rebuild(int slots, BitSet only) {
        long[] oldKeys = keys;
        String[] oldTexts = texts;
        long[] oldBytes = bytes;
        long[] oldErrors = errors;
        long[] oldPackets = packets;
        keys = new long[slots];
        bytes = new long[slots];
        texts = oldTexts == null ? null : new String[slots];
        errors = oldErrors == null ? null : new long[slots];
        packets = oldPackets == null ? null : new long[slots];
        shift = 64 - Integer.numberOfTrailingZeros(slots);
        size = 0;
        for (int from = 0; from < oldKeys.length; from++) {
            long key = oldKeys[from];
            if (key == FREE || (only != null && !only.get(from))) {
                continue;
            }
            int s = home(key == TEXT ? oldTexts[from].hashCode() : key);
            while (keys[s] != FREE) {
                s = (s + 1) & (slots - 1);
            }
            keys[s] = key;
            if (key == TEXT) {
                texts[s] = oldTexts[from];
            }
            bytes[s] = oldBytes[from];
            if (errors != null) {
                errors[s] = oldErrors[from];
            }
            if (packets != null) {
                packets[s] = oldPackets[from];
            }
            size++;
        }
    }

    /** A copy that does not change with this one. */
    IpCounts copy() {
        return new IpCounts(keys.clone(), texts == null ? null : texts.clone(), bytes.clone(),
                errors == null ? null : errors.clone(), packets == null ? null : packets.clone(), size);
    }

    /** The same IPs with the same counts. */
    boolean sameAs(IpCounts other) {
        if (size != other.size) {
            return false;
        }
        for (int s = 0; s < keys.length; s++) {
            if (keys[s] != FREE) {
                int o = other.find(this, s);
                if (o < 0 || bytes(s) != other.bytes(o) || error(s) != other.error(o) || packets(s) != other.packets(o)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The address of {@code ip} when it is IPv4 in canonical text ({@code 10.0.0.1}, not {@code 010.0.0.1}), else -1. */
    static long ipv4(CharSequence ip) {
        int n = ip.length();
        if (n < 7 || n > 15) {
            return -1;
        }
        long address = 0;
        int octets = 0;
        int i = 0;
        while (true) {
            int start = i;
            int value = 0;
            while (i < n && ip.charAt(i) >= '0' && ip.charAt(i) <= '9') {
                value = value * 10 + (ip.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || digits > 3 || value > 255 || (digits > 1 && ip.charAt(start) == '0')) {
                return -1;
            }
            address = (address << 8) | value;
            if (++octets == 4) {
                return i == n ? address : -1;
            }
            if (i == n || ip.charAt(i) != '.') {
                return -1;
            }
            i++;
        }
    }

    /** The canonical text of an IPv4 address. */
    static String ipv4Text(long address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "." + (address & 0xFF);
    }

    @Override
    public String toString() {
        return "IpCounts{size=" + size + ", slots=" + keys.length + ", texts=" + (texts == null ? 0
                : Arrays.stream(texts).filter(t -> t != null).count()) + "}";
    }
}
