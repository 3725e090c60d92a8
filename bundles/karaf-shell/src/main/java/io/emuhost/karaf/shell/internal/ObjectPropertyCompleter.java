package io.emuhost.karaf.shell.internal;

import io.emuhost.api.machine.FactoryCatalogue;
import io.emuhost.api.machine.Machine;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Candidate;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Session;

/** Completes the key=value words of {@code emuhost:object-add} for the type on the line. */
@Service
public class ObjectPropertyCompleter extends CandidateCompleter {

    @Reference
    Machine machine;

    @Reference
    FactoryCatalogue catalogue;

    @Override
    public void completeCandidates(Session session, CommandLine line, List<Candidate> candidates) {
        PropertyCompleters.complete(line, PropertyCompleters.objectProperties(catalogue, line),
                machine, candidates);
    }
}
