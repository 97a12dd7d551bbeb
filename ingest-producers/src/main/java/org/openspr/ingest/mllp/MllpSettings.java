package org.openspr.ingest.mllp;

import java.time.Duration;

/**
 * MLLP listener settings.
 *
 * @param host            address to bind (0.0.0.0 for all interfaces)
 * @param port            TCP port; 0 picks a free one (tests)
 * @param maxConnections  concurrent connections served; more are accepted and closed at once
 * @param maxMessageBytes a frame larger than this is refused with an error ACK (its bytes are read and dropped)
 * @param readTimeout     a connection silent for this long is closed (also bounds a half-sent frame)
 */
public record MllpSettings(String host, int port, int maxConnections, int maxMessageBytes, Duration readTimeout) {

    public static MllpSettings defaults(int port) {
        return new MllpSettings("0.0.0.0", port, 64, 8 * 1024 * 1024, Duration.ofSeconds(60));
    }
}
