package io.egressmon.ingest.netflow;

import static io.egressmon.ingest.netflow.InformationElements.VARIABLE_LENGTH;

/**
 * A (NetFlow v9 or IPFIX) template compiled for reading: per field the kind of value it holds and its
 * wire length ({@link InformationElements#VARIABLE_LENGTH} when the record says it, IPFIX only).
 *
 * @param id        the template id, 256 and up
 * @param options   an options template: its records describe the exporter (sampling, uptime), not flows
 * @param kinds     per field, its {@link InformationElements} kind
 * @param lengths   per field, its length in bytes or {@code VARIABLE_LENGTH}
 * @param minLength the shortest record: fixed lengths plus one length byte per variable field; a rest
 *                  shorter than this at the end of a set is padding
 */
record Template(int id, boolean options, int[] kinds, int[] lengths, int minLength) {
    static final int MAX_RECORD_LENGTH = 65535;

    /**
     * Compiles the fields read from a template record; null when they cannot describe a record: no
     * fields, a field of length 0, or a record longer than 65535 bytes.
     */
    static Template of(int id, boolean options, int[] kinds, int[] lengths) {
        if (kinds.length == 0) {
            return null;
        }
        int min = 0;
        for (int length : lengths) {
            if (length == 0) {
                return null;
            }
            min += length == VARIABLE_LENGTH ? 1 : length;
        }
        return min > MAX_RECORD_LENGTH ? null : new Template(id, options, kinds, lengths, min);
    }

    int fieldCount() {
        return kinds.length;
    }
}
