package io.egressmon.ingest.copilot;

/**
 * An answer that is well-formed JSON but cannot be matched to what was asked (a performance answer
 * whose length differs from the request's). Unlike other unexpected shapes it is no sign of a lost
 * session, so the call fails at once instead of logging in again.
 */
final class MisalignedAnswer extends RuntimeException {
    MisalignedAnswer(String message) {
        super(message);
    }
}
