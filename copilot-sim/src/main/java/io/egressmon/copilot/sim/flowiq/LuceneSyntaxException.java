package io.egressmon.copilot.sim.flowiq;

/**
 * A query string the simulator cannot evaluate: bad syntax, an unknown field, a value that does not
 * fit its field (an IP that does not parse, a bad CIDR, a port that is not a number), or Lucene
 * syntax outside the subset the report scripts use. CoPilot answers those with HTTP 400.
 */
public final class LuceneSyntaxException extends IllegalArgumentException {

    private final int position;

    public LuceneSyntaxException(String problem, int position) {
        super(problem + " at position " + position);
        this.position = position;
    }

    /** Where in the query string the problem is, counting characters from 0. */
    public int position() {
        return position;
    }
}
