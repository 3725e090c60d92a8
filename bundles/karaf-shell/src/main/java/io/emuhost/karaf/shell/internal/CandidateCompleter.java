package io.emuhost.karaf.shell.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.console.Candidate;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;

/**
 * A completer that produces {@link Candidate}s; the string form Karaf's {@link Completer} also
 * asks for is derived from them, once for all the emuhost completers.
 */
abstract class CandidateCompleter implements Completer {

    @Override
    public abstract void completeCandidates(Session session, CommandLine line, List<Candidate> candidates);

    @Override
    public final int complete(Session session, CommandLine line, List<String> candidates) {
        List<Candidate> found = new ArrayList<>();
        completeCandidates(session, line, found);
        return Candidates.values(found, candidates);
    }
}
