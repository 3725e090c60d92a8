package io.emuhost.karaf.shell.internal;

import io.emuhost.api.machine.FactoryCatalogue;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Candidate;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Session;

/** Completes object types: the {@code emuhost.object.type} of every registered {@code ObjectFactory}. */
@Service
public class ObjectTypeCompleter extends CandidateCompleter {

    @Reference
    FactoryCatalogue catalogue;

    @Override
    public void completeCandidates(Session session, CommandLine line, List<Candidate> candidates) {
        Candidates.complete(Candidates.prefix(line), List.copyOf(catalogue.objectTypes()), candidates);
    }
}
