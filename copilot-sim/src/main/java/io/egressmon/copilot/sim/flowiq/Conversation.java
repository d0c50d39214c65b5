package io.egressmon.copilot.sim.flowiq;

import io.egressmon.avro.FlowDirection;
import io.egressmon.copilot.sim.Traffic;

/**
 * A spoke host and a peer exchanging traffic: two flow records every minute it is alive, one per
 * {@link FlowDirection}, each with its own byte rate. The record at whole minute {@code m} carries
 * the bytes of {@code [m, m + 60 s)}: {@code C(m + 60) − C(m)} with {@code C(t) = floor(∫ rate)}
 * from {@code firstMinute} — so a sum over consecutive minutes telescopes to two evaluations of
 * {@code C}, whatever the range's length, and adjacent ranges add up to the byte.
 *
 * @param gateway     the spoke whose flow records these are ({@code netflow.gw_name})
 * @param tier        why the conversation exists (see {@link Tier})
 * @param outbound    the fields of its outbound records (host → peer)
 * @param inbound     the fields of its inbound records (peer → host)
 * @param toPeer      the rate of the outbound records
 * @param fromPeer    the rate of the inbound records
 * @param firstMinute the first whole minute (epoch seconds) with records
 * @param lastMinute  the last whole minute with records, {@link Long#MAX_VALUE} for "still going"
 */
public record Conversation(String gateway, Tier tier, FlowRecord outbound, FlowRecord inbound, Traffic toPeer,
                           Traffic fromPeer, long firstMinute, long lastMinute) {

    /** What part of the estate's traffic a conversation plays. */
    public enum Tier {
        /** Designed: the sample report's top talkers and the near-ties around rank 10. */
        HEAD,
        /** Mid-sized public peers, many shared between spokes. */
        MID,
        /** Public addresses right next to the private ranges (100.128.x, 172.32.x, 192.169.x, …). */
        LOOK_ALIKE,
        /** Peers in 100.64.0.0/10: not internet, not egress. */
        CGNAT,
        /** Hosts on other spokes: RFC1918 on both sides, not egress. */
        EAST_WEST,
        /** Hundreds of small public peers per spoke, some only alive for days. */
        TAIL,
        /** Public clients that connect in to a server on the spoke. */
        CLIENT
    }

    public Conversation {
        if (firstMinute % 60 != 0 || (lastMinute != Long.MAX_VALUE && lastMinute % 60 != 0) || lastMinute < firstMinute) {
            throw new IllegalArgumentException("bad minutes " + firstMinute + ".." + lastMinute);
        }
    }

    public String internalIp() {
        return outbound.srcAddr();
    }

    public String peerIp() {
        return outbound.dstAddr();
    }

    public FlowRecord record(FlowDirection direction) {
        return direction == FlowDirection.OUTBOUND ? outbound : inbound;
    }

    public Traffic traffic(FlowDirection direction) {
        return direction == FlowDirection.OUTBOUND ? toPeer : fromPeer;
    }

    /**
     * The bytes of this conversation's records in {@code direction} at the whole minutes
     * {@code from..to} (inclusive) that fall inside its own life. Whether the gateway produced
     * records then is the caller's business ({@link FlowEstate#bytes}).
     */
    long bytes(FlowDirection direction, long from, long to) {
        long first = Math.max(from, firstMinute);
        long last = Math.min(to, lastMinute);
        if (first > last) {
            return 0;
        }
        Traffic traffic = traffic(direction);
        return cumulative(traffic, last + 60) - cumulative(traffic, first);
    }

    private long cumulative(Traffic traffic, long at) {
        return (long) Math.floor(traffic.bytesBetween(firstMinute, at));
    }
}
