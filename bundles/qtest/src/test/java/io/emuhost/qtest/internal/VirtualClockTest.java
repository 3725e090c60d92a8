package io.emuhost.qtest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualClockTest {

    private final VirtualClock clock = new VirtualClock();
    private final List<String> ran = new ArrayList<>();

    @Test
    void stepToNextDeadline_noTimers_staysPut() {
        clock.step(7);

        assertEquals(7, clock.stepToNextDeadline());
    }

    @Test
    void step_runsDueTimersInDeadlineOrderAtTheirDeadline() {
        clock.schedule(30, () -> ran.add("b@" + clock.now()));
        clock.schedule(10, () -> ran.add("a@" + clock.now()));
        clock.schedule(31, () -> ran.add("late"));

        assertEquals(30, clock.step(30));

        assertEquals(List.of("a@10", "b@30"), ran);
    }

    @Test
    void schedule_sameDeadline_runsInSchedulingOrder() {
        clock.schedule(5, () -> ran.add("first"));
        clock.schedule(5, () -> ran.add("second"));

        clock.set(5);

        assertEquals(List.of("first", "second"), ran);
    }

    @Test
    void stepToNextDeadline_movesExactlyToTheEarliestTimer() {
        clock.schedule(1_000, () -> ran.add("t"));
        clock.schedule(2_000, () -> ran.add("u"));

        assertEquals(1_000, clock.stepToNextDeadline());

        assertEquals(List.of("t"), ran);
    }

    @Test
    void timerScheduledByATimer_runsInTheSameWarpWhenDue() {
        clock.schedule(10, () -> clock.schedule(15, () -> ran.add("chained@" + clock.now())));

        clock.step(20);

        assertEquals(List.of("chained@15"), ran);
    }

    @Test
    void setAndStep_neverGoBack() {
        clock.set(100);

        assertEquals(100, clock.set(40));
        assertEquals(100, clock.step(-1));
        assertEquals(100, clock.step(0));
    }

    @Test
    void step_overflowingTheRange_saturates() {
        clock.set(10);

        assertEquals(Long.MAX_VALUE, clock.step(Long.MAX_VALUE));
    }

    @Test
    void cancel_keepsTheTimerFromRunning() {
        VirtualClock.Timer timer = clock.schedule(10, () -> ran.add("cancelled"));
        clock.cancel(timer);

        clock.step(20);

        assertEquals(List.of(), ran);
    }

    @Test
    void timerAlreadyDue_runsAtTheNextClockCommand() {
        clock.set(50);
        clock.schedule(10, () -> ran.add("past@" + clock.now()));

        assertEquals(50, clock.step(0));

        assertEquals(List.of("past@50"), ran);
    }
}
