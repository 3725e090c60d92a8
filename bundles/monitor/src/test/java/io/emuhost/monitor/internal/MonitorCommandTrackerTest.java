package io.emuhost.monitor.internal;

import io.emuhost.testkit.osgi.FakeServiceRegistry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.emuhost.api.monitor.CommandArguments;
import io.emuhost.api.monitor.CommandSpec;
import io.emuhost.api.monitor.MonitorCommand;
import io.emuhost.monitor.internal.MonitorCommandTracker;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;

/** The monitor sees MonitorCommand services as they come and go, highest ranking first. */
class MonitorCommandTrackerTest {

    private final FakeServiceRegistry registry = new FakeServiceRegistry();

    @Test
    void get_followsRegistrationsInRankingThenAgeOrder() {
        MonitorCommand older = command("older");
        MonitorCommand newer = command("newer");
        MonitorCommand ranked = command("ranked");
        try (MonitorCommandTracker tracker = new MonitorCommandTracker(registry.context())) {
            tracker.open();
            registry.register(MonitorCommand.class, older, Map.of(), "1.0.0", 0);
            ServiceReference<MonitorCommand> newerRef = registry.register(MonitorCommand.class, newer, Map.of(),
                    "1.0.0", 0);
            registry.register(MonitorCommand.class, ranked, Map.of(), "1.0.0", 5);

            assertEquals(List.of(ranked, older, newer), tracker.get());

            registry.unregister(newerRef);
            assertEquals(List.of(ranked, older), tracker.get());
        }
    }

    private static MonitorCommand command(String name) {
        return new MonitorCommand() {
            @Override
            public CommandSpec spec() {
                return new CommandSpec(Optional.of("x-" + name), Optional.of(name), false, "", name, List.of(), false);
            }

            @Override
            public Object execute(CommandArguments arguments) {
                return name;
            }

            @Override
            public String formatHuman(Object result) {
                return name + "\n";
            }
        };
    }
}
