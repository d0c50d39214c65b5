package io.egressmon.api;

/** {@code GET /ready} once queries can be answered; otherwise a 503 {@link ErrorAnswer}. */
public record ReadyAnswer(String status, String streamsState) {
    public static ReadyAnswer ready(String streamsState) {
        return new ReadyAnswer("READY", streamsState);
    }
}
