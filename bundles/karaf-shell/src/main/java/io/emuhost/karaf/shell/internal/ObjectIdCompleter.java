package io.emuhost.karaf.shell.internal;

import io.emuhost.api.machine.Machine;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Candidate;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Session;

/** Completes the ids of the machine's user objects. */
@Service
public class ObjectIdCompleter extends CandidateCompleter {

    @Reference
    Machine machine;

    @Override
    public void completeCandidates(Session session, CommandLine line, List<Candidate> candidates) {
        Candidates.complete(Candidates.prefix(line), MachineIds.objects(machine), candidates);
    }
}
