package org.openspr.ingest.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads and discards whatever of a request's body is still unread when its answer is ready: the body of a request
 * refused before anything read it (an unknown path, a wrong method or media type). Jetty would otherwise discard what
 * has already arrived and, when more is still on its way, close the connection after the answer without saying so
 * ({@code Connection: close} can no longer be added): the sender's next request on that kept-alive connection then
 * fails, and a client does not re-send a POST by itself. At most the largest accepted message is read; beyond that
 * the connection is let go.
 */
final class UnreadBodyDrain implements ContainerResponseFilter {
    private final long limit;

    UnreadBodyDrain(long limit) {
        this.limit = limit;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        InputStream body = request.getEntityStream();
        if (body == null) {
            return;
        }
        try {
            if (body.read() < 0) {
                return; // read to its end already: every accepted message is
            }
            long left = limit - 1;
            byte[] sink = new byte[8192];
            while (left > 0) {
                int n = body.read(sink, 0, (int) Math.min(sink.length, left));
                if (n < 0) {
                    return;
                }
                left -= n;
            }
        } catch (IOException e) {
            // the sender went away or the stream was closed: nothing left to keep the connection for
        }
    }
}
