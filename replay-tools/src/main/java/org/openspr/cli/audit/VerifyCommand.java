package org.openspr.cli.audit;

import picocli.CommandLine.Command;

/** {@code spr verify}: integrity checks. */
@Command(name = "verify", mixinStandardHelpOptions = true, description = "Verify integrity (the audit ledger).",
        subcommands = VerifyAuditCommand.class)
public final class VerifyCommand {
}
