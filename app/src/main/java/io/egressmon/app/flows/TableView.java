package io.egressmon.app.flows;

import io.egressmon.api.flows.FlowRow;
import io.egressmon.api.flows.FlowsAnswer;
import io.egressmon.api.flows.FlowsCsv;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The flow table as fixed-width text lines: a header, then a line per row, columns as wide as their
 * widest cell. Wildcarded columns show {@code *} (as {@link FlowsCsv} writes them); the header of the
 * sort column carries {@code v} (descending) or {@code ^} (ascending). The monitor draws these lines,
 * {@code egressmon flows --once} prints them.
 */
final class TableView {
    /** A column: its header, its cell of a row, and whether numbers align right. */
    private record Column(String header, String sortKey, int field, boolean right) {
        String cell(FlowRow row, List<String> fields) {
            return field == RATE ? String.format(Locale.ROOT, "%.1f", row.rateKbps()) : fields.get(field);
        }
    }

    /** Not a {@link FlowsCsv#fields} index: the rate is shown to 0.1 kbps, not to the bit. */
    private static final int RATE = -1;
    private static final List<Column> COLUMNS = List.of(
            new Column("Gateway", "gateway", 0, false),
            new Column("SrcAddr", "src_addr", 1, false),
            new Column("DstAddr", "dst_addr", 2, false),
            new Column("SrcPort", "src_port", 3, true),
            new Column("DstPort", "dst_port", 4, true),
            new Column("Proto", "protocol", 5, false),
            new Column("Bytes", "bytes", 6, true),
            new Column("Packets", "packets", 7, true),
            new Column("Rate kbps", "rate", RATE, true),
            new Column("Flows", "flows", 9, true));
    private static final String GAP = "  ";

    private TableView() {
    }

    /** The header line and a line per row of {@code answer}, without trailing spaces. */
    static List<String> lines(FlowsAnswer answer) {
        List<List<String>> cells = new ArrayList<>();
        List<String> header = new ArrayList<>();
        for (Column c : COLUMNS) {
            String marker = c.sortKey().equals(answer.sort()) ? ("asc".equals(answer.order()) ? " ^" : " v") : "";
            header.add(c.header() + marker);
        }
        cells.add(header);
        for (FlowRow row : answer.rows()) {
            List<String> fields = FlowsCsv.fields(row);
            cells.add(COLUMNS.stream().map(c -> c.cell(row, fields)).toList());
        }
        int[] widths = new int[COLUMNS.size()];
        for (List<String> line : cells) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>(cells.size());
        for (List<String> line : cells) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                String cell = line.get(i);
                String pad = " ".repeat(widths[i] - cell.length());
                out.append(i == 0 ? "" : GAP).append(COLUMNS.get(i).right() ? pad + cell : cell + pad);
            }
            lines.add(out.toString().stripTrailing());
        }
        return lines;
    }

    /** {@link #lines} as the text {@code --once} prints: each line ended by a newline. */
    static String text(FlowsAnswer answer) {
        StringBuilder out = new StringBuilder();
        lines(answer).forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }
}
