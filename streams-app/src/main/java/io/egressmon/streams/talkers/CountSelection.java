package io.egressmon.streams.talkers;

/**
 * The k-th smallest of a table's counts without sorting them all: where a trim cuts ({@link TalkerTable}).
 */
final class CountSelection {
    private CountSelection() {
    }

    /** The value {@code values} would hold at {@code k} if sorted ascending (reorders it). */
    static long select(long[] values, int k) {
        return select(values, k, 0, values.length - 1);
    }

    /** {@link #select(long[], int)} within {@code [from, to]}: Hoare quickselect around a middle pivot. */
    static long select(long[] values, int k, int from, int to) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            long pivot = values[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long t = values[i];
                    values[i] = values[j];
                    values[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                break; // between j and i: equal to the pivot, in place
            }
        }
        return values[k];
    }
}
