package io.egressmon.copilot.sim;

import java.time.Instant;

/** A gateway down over {@code [down, up)}: no samples, no traffic; every counter restarts at zero at {@code up}. */
public record Reboot(Instant down, Instant up) {

    public Reboot {
        if (!up.isAfter(down)) {
            throw new IllegalArgumentException("up " + up + " must be after down " + down);
        }
    }
}
