package io.egressmon.api;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanBytesTest {

    @Test
    @DisplayName("every bytes/human-readable pair of the sample report comes out as the original printed it")
    void matchesEveryPairOfTheSample() {
        List<Executable> checks = new ArrayList<>();
        for (List<String> row : Fixtures.csvRows("bandwidth/spoke_bandwidth_7d.csv")) {
            for (int column = 8; column < 12; column++) {
                long bytes = Long.parseLong(row.get(column));
                String human = row.get(column + 4);
                checks.add(() -> assertEquals(human, HumanBytes.format(bytes), "format(" + bytes + ")"));
            }
        }
        assertEquals(56, checks.size());
        assertAll(checks);
    }

    // Expected values printed by Python 3.11 with the original's f-strings.
    @ParameterizedTest(name = "{0} bytes -> \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "0|0 B",
            "1|1 B",
            "1023|1023 B",
            "1024|1 KB",
            "1048575|1024 KB",
            "1048576|1.0 MB",
            "1073741823|1024.0 MB",
            "1073741824|1.00 GB",
            "1099511627775|1024.00 GB",
            "1099511627776|1.00 TB",
            "9223372036854775807|8388608.00 TB",
    })
    @DisplayName("unit boundaries are at exact powers of 1024, and the value below a boundary rounds up into the smaller unit's 1024")
    void unitBoundaries(long bytes, String expected) {
        assertEquals(expected, HumanBytes.format(bytes));
    }

    @ParameterizedTest(name = "{0} bytes -> \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "1536|2 KB",
            "2560|2 KB",
            "3584|4 KB",
            "1310720|1.2 MB",
            "1835008|1.8 MB",
            "1207959552|1.12 GB",
            "1476395008|1.38 GB",
            "1236950581248|1.12 TB",
            "1511828488192|1.38 TB",
    })
    @DisplayName("exact ties round half to even, as Python's format does (String.format would round half up)")
    void tiesRoundHalfEven(long bytes, String expected) {
        assertEquals(expected, HumanBytes.format(bytes));
    }

    @Test
    @DisplayName("a negative count is printed as plain bytes, as the original's comparisons would")
    void negativeIsPlainBytes() {
        assertEquals("-5 B", HumanBytes.format(-5));
    }
}
