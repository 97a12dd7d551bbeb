package org.openspr.events.registry;

/** Confluent's TopicNameStrategy: the value schema of topic T lives under subject "T-value", the key under "T-key". */
public final class SubjectNames {
    private SubjectNames() {
    }

    public static String forTopic(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
