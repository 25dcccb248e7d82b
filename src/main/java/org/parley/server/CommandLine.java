package org.parley.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parsed command line: a command path ({@code run}, {@code user add}, ...), its positional arguments, the
 * options every command shares ({@code --config FILE}, {@code --set key=value}, {@code --password P}), and the
 * switches without a value that only some commands take ({@code --online}, {@code --offline}); each command refuses
 * the switches it does not know.
 *
 * @param words the command and its positional arguments, options removed
 * @param config the {@code --config} file, if given
 * @param sets each {@code --set} argument, in order
 * @param password the {@code --password} value, if given
 * @param flags each switch given, in order, e.g. {@code --online}
 */
record CommandLine(List<String> words, Optional<Path> config, List<String> sets, Optional<String> password,
        List<String> flags) {

    /** Thrown for a command line that cannot be understood (exit code 2). */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static CommandLine parse(String[] args) throws UsageException {
        List<String> words = new ArrayList<>();
        List<String> sets = new ArrayList<>();
        List<String> flags = new ArrayList<>();
        Optional<Path> config = Optional.empty();
        Optional<String> password = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--config", "-c" -> config = Optional.of(Path.of(value(args, ++i, arg)));
                case "--set", "-s" -> sets.add(value(args, ++i, arg));
                case "--password" -> password = Optional.of(value(args, ++i, arg));
                case "--help", "-h" -> words.add(0, "help");
                case "--online", "--offline" -> flags.add(arg);
                default -> {
                    if (arg.startsWith("--config=")) {
                        config = Optional.of(Path.of(arg.substring("--config=".length())));
                    } else if (arg.startsWith("--set=")) {
                        sets.add(arg.substring("--set=".length()));
                    } else if (arg.startsWith("--password=")) {
                        password = Optional.of(arg.substring("--password=".length()));
                    } else if (arg.startsWith("-")) {
                        throw new UsageException("unknown option '" + arg + "'");
                    } else {
                        words.add(arg);
                    }
                }
            }
        }
        return new CommandLine(List.copyOf(words), config, List.copyOf(sets), password, List.copyOf(flags));
    }

    private static String value(String[] args, int index, String option) throws UsageException {
        if (index >= args.length) {
            throw new UsageException("option " + option + " needs a value");
        }
        return args[index];
    }

    /** The command word at {@code index}, or empty. */
    Optional<String> word(int index) {
        return index < words.size() ? Optional.of(words.get(index)) : Optional.empty();
    }
}
