package io.egressmon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PythonCsvTest {

    @Test
    @DisplayName("fields are quoted only for a comma, a quote, CR or LF, with quotes doubled, and rows end in CRLF")
    void quoteMinimal() {
        List<Object> fields = Arrays.asList("a,b", "say \"hi\"", "x\ny", "x\rz", " lead", "", null, "plain", 42L);
        // Python 3.11: csv.writer(sys.stdout).writerow([...])
        assertEquals("\"a,b\",\"say \"\"hi\"\"\",\"x\ny\",\"x\rz\", lead,,,plain,42\r\n", PythonCsv.row(fields));
    }

    @Test
    @DisplayName("a row of one empty field is written as a quoted empty string, as Python does")
    void loneEmptyField() {
        assertEquals("\"\"\r\n", PythonCsv.row(List.of("")));
        assertEquals("\"\"\r\n", PythonCsv.row(Collections.singletonList(null)));
    }
}
