package io.emuhost.karaf.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Candidate;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Session;
import org.osgi.framework.BundleContext;

/** Completes device drivers: the {@code emuhost.device.driver} of every registered {@code DeviceFactory}. */
@Service
public class DeviceDriverCompleter extends CandidateCompleter {

    @Reference
    BundleContext context;

    @Override
    public void completeCandidates(Session session, CommandLine line, List<Candidate> candidates) {
        Candidates.complete(Candidates.prefix(line), new FactoryServices(context).deviceDrivers(), candidates);
    }
}
