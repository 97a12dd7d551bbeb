package org.openspr.ingest.bench;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Totals of the ingest lanes' producer metrics, summed over the lanes, read through JMX (Kafka registers every client's
 * metrics there): how many produce requests and retries a round took, and where a transaction's time went.
 */
final class ProducerMetrics {
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();
    private static final String[] TOTALS = {"request-total", "record-retry-total", "txn-begin-time-ns-total",
            "txn-commit-time-ns-total", "flush-time-ns-total"};
    private final String clientPrefix;

    /** @param transactionalIdPrefix the lanes' transactional id prefix, which is also their producers' client id prefix */
    ProducerMetrics(String transactionalIdPrefix) {
        this.clientPrefix = transactionalIdPrefix + "-";
    }

    Map<String, Double> snapshot() {
        Map<String, Double> sums = new LinkedHashMap<>();
        for (String name : TOTALS) {
            sums.put(name, 0.0);
        }
        try {
            for (ObjectName bean : SERVER.queryNames(new ObjectName("kafka.producer:type=producer-metrics,client-id=*"), null)) {
                if (!bean.getKeyProperty("client-id").startsWith(clientPrefix)) {
                    continue;
                }
                for (String name : TOTALS) {
                    Object value = SERVER.getAttribute(bean, name);
                    if (value instanceof Number n && !Double.isNaN(n.doubleValue())) {
                        sums.merge(name, n.doubleValue(), Double::sum);
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read producer metrics: " + e, e);
        }
        return sums;
    }

    /** The change between two snapshots, per commit where {@code commits} is positive. */
    static String between(Map<String, Double> from, Map<String, Double> to, long commits) {
        StringBuilder out = new StringBuilder();
        for (String name : TOTALS) {
            double delta = to.get(name) - from.get(name);
            double per = commits > 0 ? delta / commits : Double.NaN;
            String shown = name.endsWith("-ns-total") ? String.format("%.3f ms", per / 1e6) : String.format("%.2f", per);
            out.append(out.isEmpty() ? "" : ", ").append(name.replace("-total", "")).append(' ').append(shown);
        }
        return out.append(" per commit").toString();
    }
}
