package org.openspr.ingest.bench;

import java.lang.management.ManagementFactory;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Where the in-process broker's time went per request type (its own request metrics, read through JMX): queued for a
 * handler thread, handled, waiting on another request (the transaction coordinator), queued for the network thread,
 * sent. Medians and means since the broker started, warm-up included.
 */
final class BrokerRequestTimes {
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();
    private static final List<String> REQUESTS = List.of("Produce", "EndTxn", "AddPartitionsToTxn", "WriteTxnMarkers", "InitProducerId");
    private static final List<String> PHASES = List.of("RequestQueueTimeMs", "LocalTimeMs", "RemoteTimeMs", "ResponseQueueTimeMs",
            "ResponseSendTimeMs", "TotalTimeMs");

    private BrokerRequestTimes() {
    }

    static String describe() {
        StringBuilder out = new StringBuilder();
        for (String request : REQUESTS) {
            StringBuilder line = new StringBuilder();
            for (String phase : PHASES) {
                try {
                    ObjectName bean = new ObjectName("kafka.network:type=RequestMetrics,name=" + phase + ",request=" + request);
                    if (!SERVER.isRegistered(bean)) {
                        continue;
                    }
                    long count = ((Number) SERVER.getAttribute(bean, "Count")).longValue();
                    double median = ((Number) SERVER.getAttribute(bean, "50thPercentile")).doubleValue();
                    double mean = ((Number) SERVER.getAttribute(bean, "Mean")).doubleValue();
                    if (line.isEmpty()) {
                        line.append(request).append(" (").append(count).append("):");
                    }
                    line.append(String.format(" %s median %.2f mean %.2f;", phase.replace("TimeMs", ""), median, mean));
                } catch (Exception e) {
                    line.append(' ').append(phase).append(" unreadable (").append(e).append(");");
                }
            }
            if (!line.isEmpty()) {
                out.append("\nBENCH broker ").append(line);
            }
        }
        return out.toString();
    }
}
