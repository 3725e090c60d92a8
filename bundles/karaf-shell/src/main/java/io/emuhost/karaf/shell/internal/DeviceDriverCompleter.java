package io.emuhost.karaf.shell.internal;

import io.emuhost.api.machine.FactoryCatalogue;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Candidate;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Session;

/** Completes device drivers: the {@code emuhost.device.driver} of every registered {@code DeviceFactory}. */
@Service
public class DeviceDriverCompleter extends CandidateCompleter {

    @Reference
    FactoryCatalogue catalogue;

    @Override
    public void completeCandidates(Session session, CommandLine line, List<Candidate> candidates) {
        Candidates.complete(Candidates.prefix(line), List.copyOf(catalogue.deviceDrivers()), candidates);
    }
}
