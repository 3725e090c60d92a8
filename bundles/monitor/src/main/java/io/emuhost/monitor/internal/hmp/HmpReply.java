package io.emuhost.monitor.internal.hmp;

/**
 * What one HMP line did.
 *
 * @param text what the monitor prints, lines ending in {@code \n}
 * @param endsSession true after {@code quit}
 */
public record HmpReply(String text, boolean endsSession) {
}
