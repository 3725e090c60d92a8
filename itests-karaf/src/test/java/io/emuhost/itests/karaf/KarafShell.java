package io.emuhost.itests.karaf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedAction;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Candidate;
import org.apache.karaf.shell.api.console.Command;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.apache.karaf.shell.support.parsing.CommandLineImpl;

/**
 * Runs command lines in a Karaf shell session as the user {@code karaf} (role {@code admin}, as
 * in {@code etc/users.properties}) types them, and asks a command's completer what Tab would
 * offer. Karaf's command ACLs hide {@code feature:install} from a session without that role.
 */
final class KarafShell implements AutoCloseable {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final SessionFactory factory;
    private final Session session;
    private final Subject user = new Subject(true,
            Set.of(new UserPrincipal("karaf"), new RolePrincipal("admin"), new RolePrincipal("manager"),
                    new RolePrincipal("viewer")), Set.of(), Set.of());

    /**
     * Opens a session.
     *
     * @param factory Karaf's session factory
     */
    KarafShell(SessionFactory factory) {
        this.factory = factory;
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        this.session = factory.create(new ByteArrayInputStream(new byte[0]), out, out);
    }

    /**
     * Executes one line.
     *
     * @param line the command line
     * @return what the command printed, and its result if it returned one
     * @throws Exception the command's error, as the console would print it after
     *     {@code Error executing command:}
     */
    String execute(String line) throws Exception {
        output.reset();
        Object result;
        try {
            result = Subject.doAs(user, (PrivilegedExceptionAction<Object>) () -> session.execute(line));
        } catch (PrivilegedActionException e) {
            throw e.getException();
        }
        String printed = output.toString(StandardCharsets.UTF_8);
        return result == null ? printed : printed + result;
    }

    /**
     * What completion offers for the word under the cursor at the end of the line.
     *
     * @param line a command line, e.g. {@code "emuhost:device-del "} (ending in a space for a new word)
     * @return the candidates' values
     */
    List<String> complete(String line) {
        String[] words = line.split(" ", -1);
        String scoped = words[0];
        Command command = factory.getRegistry().getCommand(scoped.substring(0, scoped.indexOf(':')),
                scoped.substring(scoped.indexOf(':') + 1));
        if (command == null) {
            throw new AssertionError("no command " + scoped);
        }
        String last = words[words.length - 1];
        CommandLineImpl commandLine = new CommandLineImpl(words, words.length - 1, last.length(), line.length(), line);
        List<Candidate> candidates = new ArrayList<>();
        Subject.doAs(user, (PrivilegedAction<Void>) () -> {
            command.getCompleter(true).completeCandidates(session, commandLine, candidates);
            return null;
        });
        return candidates.stream().map(Candidate::value).toList();
    }

    /**
     * Whether a command is registered (the shell registers a command once its references are
     * there).
     *
     * @param scope the scope
     * @param name the name
     * @return true if it can be run
     */
    boolean has(String scope, String name) {
        return factory.getRegistry().getCommand(scope, name) != null;
    }

    @Override
    public void close() {
        session.close();
    }
}
