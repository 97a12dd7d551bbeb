package org.openspr.cli.audit;

import picocli.CommandLine.Command;

/** {@code spr replay}: read history back from the log. */
@Command(name = "replay", mixinStandardHelpOptions = true, description = "Replay history from the log (audit accesses).",
        subcommands = ReplayAuditCommand.class)
public final class ReplayCommand {
}
