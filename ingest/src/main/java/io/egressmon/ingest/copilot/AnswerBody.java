package io.egressmon.ingest.copilot;

import com.fasterxml.jackson.core.io.JsonEOFException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import java.util.Locale;

/** What an answer's body is, when it is not the JSON asked for: an HTML page, or a document cut short. */
final class AnswerBody {
    private AnswerBody() {
    }

    /**
     * True for an HTML page: by its content type, or, whatever the type says, when it starts with a
     * tag (a JSON document never does).
     */
    static boolean isHtml(String contentType, Buffer body) {
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html")) {
            return true;
        }
        for (int i = 0; i < body.length(); i++) {
            byte b = body.getByte(i);
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == (byte) 0xEF || b == (byte) 0xBB || b == (byte) 0xBF) {
                continue;
            }
            return b == '<';
        }
        return false;
    }

    /** True when the JSON parser ran out of input before the document ended: the answer was cut short. */
    static boolean endsEarly(DecodeException e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof JsonEOFException || String.valueOf(t.getMessage()).contains("end-of-input")) {
                return true;
            }
        }
        return false;
    }

    /** The first line of a parser's message (Jackson adds the source and a location on more lines). */
    static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
