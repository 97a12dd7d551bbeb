package org.openspr.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Prints a failed command's error as one readable line (SPR codes start the message) instead of a stack trace;
 * {@code --debug} or SPR_DEBUG=1 prints the trace too.
 */
final class SprErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getName() + " (no message; SPR_DEBUG=1 shows the trace)";
        commandLine.getErr().println("spr " + commandLine.getCommandName() + ": " + message);
        if (System.getenv("SPR_DEBUG") != null) {
            e.printStackTrace(commandLine.getErr());
        }
        return 1;
    }
}
