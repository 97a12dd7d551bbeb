package org.openspr.embedded.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Decides compatibility with Avro's own checker ({@link SchemaCompatibility}) the way the Confluent registry
 * defines the levels: BACKWARD = the new schema can read data written with the old; FORWARD = the old can
 * read data written with the new; FULL = both; *_TRANSITIVE = against every earlier version, not just the latest.
 */
final class CompatibilityChecker {
    private CompatibilityChecker() {
    }

    /**
     * @param level    a Confluent level name (NONE, BACKWARD, ...)
     * @param existing earlier live versions, oldest first
     * @return empty if compatible, else one message per problem found
     */
    static List<String> check(String level, Schema candidate, List<Schema> existing) {
        if (level.equals("NONE") || existing.isEmpty()) {
            return List.of();
        }
        boolean transitive = level.endsWith("_TRANSITIVE");
        String base = transitive ? level.substring(0, level.length() - "_TRANSITIVE".length()) : level;
        List<Schema> against = transitive ? existing : List.of(existing.get(existing.size() - 1));
        List<String> messages = new ArrayList<>();
        for (Schema old : against) {
            if (base.equals("BACKWARD") || base.equals("FULL")) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, old), "new schema cannot read data written with an older one", messages);
            }
            if (base.equals("FORWARD") || base.equals("FULL")) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(old, candidate), "an older schema cannot read data written with the new one", messages);
            }
        }
        return messages;
    }

    private static void describe(SchemaPairCompatibility result, String direction, List<String> messages) {
        for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
            messages.add("{errorType:'" + incompatibility.getType() + "', description:'" + direction + ": "
                    + incompatibility.getMessage() + "', additionalInfo:'" + incompatibility.getLocation() + "'}");
        }
    }
}
