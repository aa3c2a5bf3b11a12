package io.vectorsync.core.cli;

/**
 * A subcommand of {@code bin/vectorsync} that lives outside the core (the web console): a picocli
 * {@code @Command} class implementing this interface, listed in
 * {@code META-INF/services/io.vectorsync.core.cli.CliSubcommand} of a jar on the core's class path. The core
 * adds every one it finds, so a module built on top of the core can add a command without the core depending on it.
 */
public interface CliSubcommand {
}
