package io.egressmon.app.flows;

import com.googlecode.lanterna.input.KeyStroke;

/**
 * A key press as the monitor reads it: a typed character or one of the few special keys it acts on.
 * Kept apart from Lanterna's {@link KeyStroke} so {@link MonitorState} is plain logic, tested without a terminal.
 */
record MonitorKey(Kind kind, char character) {
    enum Kind { CHARACTER, ENTER, ESCAPE, BACKSPACE, INTERRUPT, END_OF_INPUT, OTHER }

    static MonitorKey of(char c) {
        return new MonitorKey(Kind.CHARACTER, c);
    }

    static MonitorKey of(Kind kind) {
        return new MonitorKey(kind, '\0');
    }

    /** Lanterna's key: Ctrl-C arrives as a key (the terminal traps it) and means quit, as {@code q} does. */
    static MonitorKey of(KeyStroke stroke) {
        return switch (stroke.getKeyType()) {
            case Character -> stroke.isCtrlDown() && Character.toLowerCase(stroke.getCharacter()) == 'c'
                    ? of(Kind.INTERRUPT)
                    : stroke.isCtrlDown() || stroke.isAltDown() ? of(Kind.OTHER) : of(stroke.getCharacter());
            case Enter -> of(Kind.ENTER);
            case Escape -> of(Kind.ESCAPE);
            case Backspace -> of(Kind.BACKSPACE);
            case EOF -> of(Kind.END_OF_INPUT);
            default -> of(Kind.OTHER);
        };
    }
}
