package io.emuhost.benchmarks;

import com.sun.jdi.AbsentInformationException;
import com.sun.jdi.Bootstrap;
import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.Location;
import com.sun.jdi.Method;
import com.sun.jdi.MonitorInfo;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.StackFrame;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.connect.LaunchingConnector;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.ClassPrepareEvent;
import com.sun.jdi.event.Event;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.event.MethodEntryEvent;
import com.sun.jdi.event.VMDeathEvent;
import com.sun.jdi.event.VMDisconnectEvent;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.EventRequest;
import com.sun.jdi.request.EventRequestManager;
import com.sun.jdi.request.MethodEntryRequest;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Measures the FLUSH path: debugs {@link FlushPathTarget} (a fresh JVM over the whole stack) with
 * JDI and, during one warmed-up FLUSH, records every emuhost method that runs as device code and
 * every lock it takes.
 *
 * <p>Device code is what runs on the driver's thread inside a guest MMIO access
 * ({@code SystemBus.read/write}: the notify write, and with INTx the ISR read; not port I/O, which
 * is the test driver's presence check while it waits) and everything on
 * the other threads (the backend's flush thread: fsync, response, used ring, interrupt). The
 * driver itself (testkit) and its direct loads and stores into guest RAM are the guest's, not
 * counted. A lock is a distinct object locked: a {@code synchronized} method or block (found at
 * run time: a breakpoint after every {@code monitorenter} of the methods that ran, and the thread's
 * owned monitors there), or a {@code StampedLock}, {@code ReentrantLock} or read-write lock
 * acquisition (optimistic stamps are no lock).
 *
 * <pre>
 * mvn -q -B -o -DskipTests package -pl benchmarks -am
 * java -cp benchmarks/target/benchmarks.jar io.emuhost.benchmarks.FlushPathTrace [msix=true|false]
 * </pre>
 */
public final class FlushPathTrace {

    private static final String TARGET = FlushPathTarget.class.getName();
    private static final String BUS = "io.emuhost.machine.internal.memory.SystemBus";
    private static final Set<String> BUS_ACCESSES = Set.of("read", "write");
    private static final Set<String> LOCK_TYPES = Set.of("java.util.concurrent.locks.StampedLock",
            "java.util.concurrent.locks.ReentrantLock", "java.util.concurrent.locks.ReentrantReadWriteLock$ReadLock",
            "java.util.concurrent.locks.ReentrantReadWriteLock$WriteLock");
    private static final Set<String> ACQUIRES = Set.of("readLock", "writeLock", "tryReadLock", "tryWriteLock",
            "readLockInterruptibly", "writeLockInterruptibly", "lock", "lockInterruptibly", "tryLock");
    private static final long TAIL_MILLIS = 500;
    private static final String NOTIFY = "SystemBus.write";

    private final VirtualMachine vm;
    private final EventRequestManager requests;
    private final List<EventRequest> tracing = new ArrayList<>();
    private final Set<Method> scanned = new HashSet<>();
    /** thread name → source files in the order they were first entered. */
    private final Map<String, Set<String>> files = new LinkedHashMap<>();
    /** thread name → lock identity → where it was taken first. */
    private final Map<String, Map<Long, String>> locks = new LinkedHashMap<>();
    private ThreadReference driverThread;
    private boolean recording;

    private FlushPathTrace(VirtualMachine vm) {
        this.vm = vm;
        this.requests = vm.eventRequestManager();
    }

    /**
     * Runs the trace and prints the files and locks.
     *
     * @param args {@code true} (MSI-X, the default) or {@code false} (INTx)
     * @throws Exception if the target cannot be debugged
     */
    public static void main(String[] args) throws Exception {
        String msix = args.length > 0 ? args[0].replace("msix=", "") : "true";
        LaunchingConnector launcher = Bootstrap.virtualMachineManager().defaultConnector();
        Map<String, Connector.Argument> arguments = launcher.defaultArguments();
        arguments.get("main").setValue(TARGET + " " + msix);
        arguments.get("options").setValue("-cp " + System.getProperty("java.class.path")
                + " -Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        VirtualMachine vm = launcher.launch(arguments);
        pipe(vm.process().getInputStream());
        pipe(vm.process().getErrorStream());
        new FlushPathTrace(vm).run(msix);
    }

    private static void pipe(InputStream in) {
        Thread thread = new Thread(() -> {
            try {
                in.transferTo(System.err);
            } catch (java.io.IOException e) {
                // the target ended
            }
        });
        thread.setDaemon(true);
        thread.start();
    }

    private void run(String msix) throws Exception {
        var prepare = requests.createClassPrepareRequest();
        prepare.addClassFilter(TARGET);
        prepare.enable();
        long stopAt = Long.MAX_VALUE;
        for (;;) {
            EventSet set = vm.eventQueue().remove(100);
            if (set == null) {
                if (System.currentTimeMillis() >= stopAt) {
                    stopRecording();
                    report(msix);
                    stopAt = Long.MAX_VALUE;
                    vm.resume();
                }
                continue;
            }
            for (Event event : set) {
                if (event instanceof VMDeathEvent || event instanceof VMDisconnectEvent) {
                    return;
                }
                if (event instanceof ClassPrepareEvent prepared) {
                    breakAt(prepared.referenceType(), "traceBegin");
                    breakAt(prepared.referenceType(), "traceEnd");
                } else if (event instanceof BreakpointEvent hit && isTargetMarker(hit.location())) {
                    if (hit.location().method().name().equals("traceBegin")) {
                        driverThread = hit.thread();
                        startRecording();
                    } else {
                        // let the flush thread finish its batch before the report; the driver stays suspended
                        stopAt = System.currentTimeMillis() + TAIL_MILLIS;
                        continue;
                    }
                } else if (recording && event instanceof MethodEntryEvent entry) {
                    onEntry(entry);
                } else if (recording && event instanceof BreakpointEvent monitor) {
                    onMonitorEntered(monitor);
                }
            }
            if (stopAt == Long.MAX_VALUE || !containsTraceEnd(set)) {
                set.resume();
            }
        }
    }

    private static boolean containsTraceEnd(EventSet set) {
        for (Event event : set) {
            if (event instanceof BreakpointEvent hit && isTargetMarker(hit.location())
                    && hit.location().method().name().equals("traceEnd")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTargetMarker(Location location) {
        return location.declaringType().name().equals(TARGET);
    }

    private void breakAt(ReferenceType type, String method) {
        BreakpointRequest request = requests.createBreakpointRequest(type.methodsByName(method).get(0).location());
        request.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
        request.enable();
    }

    private void startRecording() {
        MethodEntryRequest emuhost = requests.createMethodEntryRequest();
        emuhost.addClassFilter("io.emuhost.*");
        emuhost.addClassExclusionFilter("io.emuhost.testkit.*");
        emuhost.addClassExclusionFilter("io.emuhost.benchmarks.*");
        emuhost.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
        MethodEntryRequest jdkLocks = requests.createMethodEntryRequest();
        jdkLocks.addClassFilter("java.util.concurrent.locks.*");
        jdkLocks.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
        tracing.add(emuhost);
        tracing.add(jdkLocks);
        emuhost.enable();
        jdkLocks.enable();
        recording = true;
    }

    private void stopRecording() {
        recording = false;
        for (EventRequest request : tracing) {
            requests.deleteEventRequest(request);
        }
        requests.deleteAllBreakpoints();
    }

    private void onEntry(MethodEntryEvent entry) throws IncompatibleThreadStateException {
        ThreadReference thread = entry.thread();
        Method method = entry.method();
        String type = method.declaringType().name();
        if (type.startsWith("java.")) {
            onJdkLock(thread, method);
            return;
        }
        if (!isDeviceCode(thread)) {
            return;
        }
        files.computeIfAbsent(key(thread), t -> new LinkedHashSet<>()).add(sourceFile(method.declaringType()));
        if (method.isSynchronized()) {
            ObjectReference monitor = method.isStatic() ? method.declaringType().classObject()
                    : thread.frame(0).thisObject();
            lock(thread, monitor, "synchronized " + shortName(type) + "." + method.name());
        }
        if (scanned.add(method)) {
            for (long index : monitorEnters(method.bytecodes())) {
                Location after = method.locationOfCodeIndex(index + 1);
                BreakpointRequest request = requests.createBreakpointRequest(after);
                request.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
                request.enable();
            }
        }
    }

    private void onJdkLock(ThreadReference thread, Method method) throws IncompatibleThreadStateException {
        if (!LOCK_TYPES.contains(method.declaringType().name()) || !ACQUIRES.contains(method.name())) {
            return;
        }
        StackFrame caller = firstNonJdkFrame(thread);
        if (caller == null || !isDeviceCode(thread) || isTestCode(caller.location().declaringType().name())) {
            return;
        }
        lock(thread, thread.frame(0).thisObject(), shortName(method.declaringType().name()) + "." + method.name()
                + " from " + where(caller.location()));
    }

    private void onMonitorEntered(BreakpointEvent hit) throws IncompatibleThreadStateException {
        ThreadReference thread = hit.thread();
        if (!isDeviceCode(thread)) {
            return;
        }
        for (MonitorInfo monitor : thread.ownedMonitorsAndFrames()) {
            if (monitor.stackDepth() == 0) {
                lock(thread, monitor.monitor(), "synchronized block at " + where(hit.location()));
            }
        }
    }

    private void lock(ThreadReference thread, ObjectReference monitor, String how)
            throws IncompatibleThreadStateException {
        locks.computeIfAbsent(key(thread), t -> new LinkedHashMap<>()).putIfAbsent(monitor.uniqueID(),
                how + " (a " + monitor.referenceType().name() + ")");
    }

    /** The thread, and for the driver's the bus access it is in: the notify write or a register read. */
    private String key(ThreadReference thread) throws IncompatibleThreadStateException {
        if (!thread.equals(driverThread)) {
            return thread.name();
        }
        for (StackFrame frame : thread.frames()) {
            Location location = frame.location();
            if (location.declaringType().name().equals(BUS) && BUS_ACCESSES.contains(location.method().name())) {
                return thread.name() + " (" + (location.method().name().equals("write") ? NOTIFY : "SystemBus.read")
                        + ")";
            }
        }
        return thread.name();
    }

    /** Any thread but the driver's runs only device code; the driver's only inside a bus access. */
    private boolean isDeviceCode(ThreadReference thread) throws IncompatibleThreadStateException {
        if (!thread.equals(driverThread)) {
            StackFrame caller = firstNonJdkFrame(thread);
            return caller == null || !isTestCode(caller.location().declaringType().name());
        }
        for (StackFrame frame : thread.frames()) {
            Location location = frame.location();
            if (location.declaringType().name().equals(BUS) && BUS_ACCESSES.contains(location.method().name())) {
                return true;
            }
        }
        return false;
    }

    private static StackFrame firstNonJdkFrame(ThreadReference thread) throws IncompatibleThreadStateException {
        for (StackFrame frame : thread.frames()) {
            String type = frame.location().declaringType().name();
            if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
                return frame;
            }
        }
        return null;
    }

    private static boolean isTestCode(String type) {
        return type.startsWith("io.emuhost.testkit.") || type.startsWith("io.emuhost.benchmarks.");
    }

    private static String sourceFile(ReferenceType type) {
        String name = type.name();
        String pkg = name.substring(0, name.lastIndexOf('.') + 1).replace('.', '/');
        try {
            return pkg + type.sourceName();
        } catch (AbsentInformationException e) {
            String simple = name.substring(pkg.length());
            int nested = simple.indexOf('$');
            return pkg + (nested > 0 ? simple.substring(0, nested) : simple) + ".java";
        }
    }

    private static String where(Location location) {
        try {
            return location.sourceName() + ":" + location.lineNumber();
        } catch (AbsentInformationException e) {
            return location.toString();
        }
    }

    private static String shortName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    private void report(String msix) {
        System.out.println("FLUSH path, " + ("false".equals(msix) ? "INTx" : "MSI-X") + ", one warmed-up FLUSH");
        Set<String> all = new LinkedHashSet<>();
        for (Map.Entry<String, Set<String>> thread : files.entrySet()) {
            System.out.println();
            System.out.println("thread " + thread.getKey() + ": " + thread.getValue().size() + " files");
            thread.getValue().forEach(file -> System.out.println("  " + file));
            all.addAll(thread.getValue());
            Map<Long, String> taken = locks.getOrDefault(thread.getKey(), Map.of());
            System.out.println("thread " + thread.getKey() + ": " + taken.size() + " locks");
            taken.values().forEach(lock -> System.out.println("  " + lock));
        }
        System.out.println();
        System.out.println("files in all: " + all.size());
        String notify = driverThread.name() + " (" + NOTIFY + ")";
        System.out.println("the notify write (" + notify + "): " + files.getOrDefault(notify, Set.of()).size()
                + " files, " + locks.getOrDefault(notify, Map.of()).size() + " locks");
    }

    /** Code indices of the {@code monitorenter} instructions of a method's bytecode (JVMS §6.5). */
    static List<Long> monitorEnters(byte[] code) {
        List<Long> found = new ArrayList<>();
        int pc = 0;
        while (pc < code.length) {
            int op = code[pc] & 0xff;
            if (op == 0xc2) {
                found.add((long) pc);
            }
            pc += instructionLength(code, pc, op);
        }
        return found;
    }

    private static int instructionLength(byte[] code, int pc, int op) {
        switch (op) {
            case 0x10, 0x12, 0x15, 0x16, 0x17, 0x18, 0x19, 0x36, 0x37, 0x38, 0x39, 0x3a, 0xa9, 0xbc:
                return 2;
            case 0x11, 0x13, 0x14, 0x84, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xbb, 0xbd, 0xc0, 0xc1, 0xc6, 0xc7:
                return 3;
            case 0xc5:
                return 4;
            case 0xb9, 0xba, 0xc8, 0xc9:
                return 5;
            case 0xc4:
                return (code[pc + 1] & 0xff) == 0x84 ? 6 : 4;
            case 0xaa: {
                int base = (pc + 4) & ~3;
                int low = readInt(code, base + 4);
                int high = readInt(code, base + 8);
                return base - pc + 12 + 4 * (high - low + 1);
            }
            case 0xab: {
                int base = (pc + 4) & ~3;
                return base - pc + 8 + 8 * readInt(code, base + 4);
            }
            default:
                return op >= 0x99 && op <= 0xa8 ? 3 : 1;
        }
    }

    private static int readInt(byte[] code, int at) {
        return (code[at] & 0xff) << 24 | (code[at + 1] & 0xff) << 16 | (code[at + 2] & 0xff) << 8 | code[at + 3] & 0xff;
    }
}
