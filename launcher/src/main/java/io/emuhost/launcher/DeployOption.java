package io.emuhost.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The launcher's own option {@code -deploy DIR} (or {@code --deploy DIR}): the directory Felix
 * FileInstall watches for bundle jars and {@code .cfg}/{@code .config} files. It is taken out of
 * the command line before the rest goes to the machine; the last one wins, as with QEMU options.
 * Without it there is no hot-deploy: emuhost loads nothing the user did not name. Words after
 * {@code --qemu} are QEMU's command line and are left alone.
 *
 * @param directory the deploy directory, absolute, if the option is given
 * @param machineArgs the command line without the option
 */
record DeployOption(Optional<Path> directory, String[] machineArgs) {

    /**
     * Splits the option off the command line.
     *
     * @param args the command line
     * @return the directory and the remaining arguments
     * @throws MissingArgumentException if the option is last and has no value
     */
    static DeployOption parse(String[] args) throws MissingArgumentException {
        Path directory = null;
        List<String> rest = new ArrayList<>(args.length);
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-qemu") || args[i].equals("--qemu")) {
                // QEMU's command line follows (--qemu mode): nothing after it is the launcher's
                rest.addAll(List.of(args).subList(i, args.length));
                break;
            }
            if (args[i].equals("-deploy") || args[i].equals("--deploy")) {
                if (i + 1 == args.length) {
                    throw new MissingArgumentException(args[i]);
                }
                directory = Path.of(args[++i]).toAbsolutePath().normalize();
            } else {
                rest.add(args[i]);
            }
        }
        return new DeployOption(Optional.ofNullable(directory), rest.toArray(String[]::new));
    }

    /** An option without its value, e.g. {@code -deploy} at the end of the line. */
    static final class MissingArgumentException extends Exception {

        private static final long serialVersionUID = 1L;

        MissingArgumentException(String option) {
            // QEMU's wording (softmmu/vl.c lookup_opt): "<option>: requires an argument"
            super(option + ": requires an argument");
        }
    }
}
