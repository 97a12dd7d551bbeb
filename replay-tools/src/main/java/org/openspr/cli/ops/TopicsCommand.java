package org.openspr.cli.ops;

import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.openspr.cli.KafkaOptions;
import org.openspr.events.topics.TopicDefinition;
import org.openspr.events.topics.TopicProvisioner;
import org.openspr.events.topics.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spr topics}: creates the catalogue's topics on a cluster with its replication factor (existing ones are left alone). */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Create the platform's topics (the catalogue) on a cluster; existing topics are left as they are.")
public final class TopicsCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--replication-factor", defaultValue = "3", description = "Replication factor for new topics. Default: ${DEFAULT-VALUE}")
    short replicationFactor;

    @Override
    public Integer call() {
        try (Admin admin = kafka.admin()) {
            List<String> created = new TopicProvisioner(admin, replicationFactor).ensure(Topics.definitions());
            for (TopicDefinition definition : Topics.definitions()) {
                System.out.printf("%-8s %-36s %s%n", created.contains(definition.name()) ? "created" : "exists", definition.name(),
                        definition.purpose());
            }
        }
        return 0;
    }
}
