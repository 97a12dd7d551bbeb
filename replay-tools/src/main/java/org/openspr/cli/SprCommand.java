package org.openspr.cli;

import org.openspr.cli.audit.AuditStreamCommand;
import org.openspr.cli.bench.BenchCommand;
import org.openspr.cli.audit.ReplayCommand;
import org.openspr.cli.audit.VerifyCommand;
import org.openspr.cli.dlq.DlqCommand;
import org.openspr.cli.ingest.ImportCommand;
import org.openspr.cli.local.LocalCommand;
import org.openspr.cli.ops.StatusCommand;
import org.openspr.cli.ops.TopicsCommand;
import org.openspr.cli.rebuild.RebuildCommand;
import org.openspr.cli.registry.RegistryCommand;
import org.openspr.cli.sample.GenerateCommand;
import org.openspr.cli.token.TokenCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** The {@code spr} operator CLI: runs the platform locally and operates it against any Kafka cluster. */
@Command(name = "spr",
        mixinStandardHelpOptions = true,
        versionProvider = SprVersion.class,
        description = "Single Patient Record operator tool.",
        subcommands = {LocalCommand.class, TokenCommand.class, ImportCommand.class, StatusCommand.class, VerifyCommand.class, ReplayCommand.class, RebuildCommand.class, DlqCommand.class, GenerateCommand.class, TopicsCommand.class,
                RegistryCommand.class, AuditStreamCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class SprCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (0 ok, 1 failure, 2 usage error). */
    public static int run(String... args) {
        return new CommandLine(new SprCommand())
                .setExecutionStrategy(SprCommand::execute)
                .setExecutionExceptionHandler(new SprErrorHandler())
                .execute(args);
    }

    // A command that talks to Kafka first makes sure the cluster answers, so that an unreachable one is one clear error
    // naming the address instead of a bare timeout from wherever the command first waited.
    private static int execute(ParseResult parseResult) {
        Integer help = CommandLine.executeHelpRequest(parseResult);
        if (help != null) {
            return help;
        }
        ParseResult command = parseResult;
        while (command.hasSubcommand()) {
            command = command.subcommand();
        }
        for (CommandSpec mixin : command.commandSpec().mixins().values()) {
            if (mixin.userObject() instanceof KafkaOptions kafka) {
                try {
                    kafka.requireReachable();
                } catch (RuntimeException e) {
                    throw new CommandLine.ExecutionException(command.commandSpec().commandLine(), e.getMessage(), e);
                }
            }
        }
        return new CommandLine.RunLast().execute(parseResult);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
