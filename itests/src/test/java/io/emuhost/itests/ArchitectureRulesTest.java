package io.emuhost.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layout rules of issue 10, checked on the repository's source tree on every {@code mvn
 * verify} (this module runs after every bundle):
 *
 * <ul>
 *   <li>imports: a bundle under {@code bundles/} (main and test sources) imports, of our own
 *       packages, only the packages it declares (test-only packages included, unless another
 *       bundle's {@code src/main} declares them), {@code io.emuhost.api.*},
 *       {@code io.emuhost.syntax}, and, in tests only, the testkit's non-internal packages; no
 *       other bundle's {@code .internal} package is named anywhere in its sources. Tests that
 *       assemble several bundles' implementations belong in this module.
 *   <li>size: no {@code src/main} Java file of a bundle or of the launcher is over
 *       {@value #MAX_MAIN_LINES} lines (one concern per file).
 * </ul>
 *
 * <p>Each failure names the file and the offending import or line count.
 */
class ArchitectureRulesTest {

    static final int MAX_MAIN_LINES = 400;

    /**
     * Test sources allowed to break the import rule, by path prefix from the repository root.
     * Each entry must still match a file: a stale entry fails the check so that it is removed.
     */
    static final Set<String> IMPORT_ALLOW_LIST = Set.of();

    /** Main files allowed over {@value #MAX_MAIN_LINES} lines, by path from the repository root. */
    static final Set<String> SIZE_ALLOW_LIST = Set.of();

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern IMPORT =
            Pattern.compile("^\\s*import\\s+(static\\s+)?([\\w.]+?)(\\.\\*)?\\s*;", Pattern.MULTILINE);
    /** A qualified name of one of our internal packages, anywhere in a file (code, strings, javadoc). */
    private static final Pattern INTERNAL_NAME = Pattern.compile("\\bio\\.emuhost(?:\\.[a-z_]\\w*)*?\\.internal\\b");

    private final Path root = repositoryRoot();

    @Test
    void bundles_importOnlyTheApiSyntaxTestkitAndTheirOwnPackages() throws IOException {
        List<String> violations = new ArrayList<>();
        Set<String> usedAllowances = new TreeSet<>();
        Map<Path, Set<String>> mainPackages = new TreeMap<>();
        for (Path bundle : bundles()) {
            mainPackages.put(bundle, declaredPackages(bundle.resolve("src/main/java")));
        }
        for (Path bundle : bundles()) {
            // its main packages, and test-only packages no other bundle declares (a test in
            // another bundle's package would be a way around the rule)
            Set<String> own = new TreeSet<>(mainPackages.get(bundle));
            for (String pkg : declaredPackages(bundle.resolve("src/test/java"))) {
                if (mainPackages.entrySet().stream().noneMatch(e -> !e.getKey().equals(bundle)
                        && e.getValue().contains(pkg))) {
                    own.add(pkg);
                }
            }
            for (String sources : List.of("src/main/java", "src/test/java")) {
                boolean test = sources.startsWith("src/test");
                for (Path file : javaFiles(bundle.resolve(sources))) {
                    String path = relative(file);
                    String allowance = IMPORT_ALLOW_LIST.stream().filter(path::startsWith).findFirst().orElse(null);
                    List<String> found = importViolations(read(file), own, test);
                    if (found.isEmpty()) {
                        continue;
                    }
                    if (allowance != null) {
                        usedAllowances.add(allowance);
                        continue;
                    }
                    found.forEach(v -> violations.add(path + ": " + v));
                }
            }
        }
        for (String entry : IMPORT_ALLOW_LIST) {
            if (!usedAllowances.contains(entry)) {
                violations.add("stale IMPORT_ALLOW_LIST entry (no file under it breaks the rule; remove it): " + entry);
            }
        }
        assertTrue(violations.isEmpty(), () -> "a bundle may import only io.emuhost.api.*, io.emuhost.syntax, "
                + "its own packages and (tests) io.emuhost.testkit.*; assemble implementations in itests:\n  "
                + String.join("\n  ", violations));
    }

    @Test
    void mainFiles_areAtMost400Lines() throws IOException {
        List<Path> mainRoots = new ArrayList<>();
        bundles().forEach(b -> mainRoots.add(b.resolve("src/main/java")));
        mainRoots.add(root.resolve("launcher/src/main/java"));
        Map<String, Integer> lines = new TreeMap<>();
        for (Path mainRoot : mainRoots) {
            for (Path file : javaFiles(mainRoot)) {
                lines.put(relative(file), lineCount(read(file)));
            }
        }
        List<String> violations = new ArrayList<>();
        lines.forEach((path, n) -> {
            if (n > MAX_MAIN_LINES && !SIZE_ALLOW_LIST.contains(path)) {
                violations.add(path + ": " + n + " lines");
            }
        });
        for (String entry : SIZE_ALLOW_LIST) {
            Integer n = lines.get(entry);
            if (n == null || n <= MAX_MAIN_LINES) {
                violations.add("stale SIZE_ALLOW_LIST entry (remove it): " + entry);
            }
        }
        int[] sorted = lines.values().stream().mapToInt(Integer::intValue).sorted().toArray();
        System.out.printf("architecture rules: %d main files (bundles + launcher), median %s lines, largest %d%n",
                sorted.length, median(sorted), sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
        assertTrue(sorted.length > 0, "no main sources found under " + root);
        assertTrue(violations.isEmpty(), () -> "main files over " + MAX_MAIN_LINES
                + " lines (split them along their concerns):\n  " + String.join("\n  ", violations));
    }

    /** The checker itself: what it must find, and what it must let through. */
    @Test
    void importViolations_findsOtherBundlesPackagesByImportStaticImportWildcardAndQualifiedName() {
        Set<String> own = Set.of("io.emuhost.virtio.pmem.internal");
        String source = String.join("\n",
                "package io.emuhost.virtio.pmem.internal;",
                "import io.emuhost.api.virtio.VirtQueue;",
                "import io.emuhost.syntax.Keyval;",
                "import io.emuhost.testkit.device.RecordingInterrupt;",
                "import io.emuhost.virtio.pmem.internal.PmemRequest;",
                "import io.emuhost.virtio.split.internal.SplitVirtQueue;",
                "import static io.emuhost.machine.internal.MachineImpl.create;",
                "import io.emuhost.backend.file.internal.*;",
                "class X { Object t = new io.emuhost.virtio.pci.internal.VirtioPciTransport(); }");

        List<String> inTest = importViolations(source, own, true);
        List<String> inMain = importViolations(source, own, false);

        assertEquals(List.of(
                "imports io.emuhost.virtio.split.internal.SplitVirtQueue (package io.emuhost.virtio.split.internal)",
                "imports io.emuhost.machine.internal.MachineImpl.create (package io.emuhost.machine.internal)",
                "imports io.emuhost.backend.file.internal.* (package io.emuhost.backend.file.internal)",
                "names io.emuhost.virtio.pci.internal (another bundle's internal package)"), inTest);
        assertTrue(inMain.contains(
                "imports io.emuhost.testkit.device.RecordingInterrupt (package io.emuhost.testkit.device)"),
                "main sources may not use the test-only testkit: " + inMain);
    }

    /** What in one source file breaks the import rule, each as a human-readable finding. */
    static List<String> importViolations(String source, Set<String> own, boolean test) {
        List<String> found = new ArrayList<>();
        Matcher imports = IMPORT.matcher(source);
        while (imports.find()) {
            String name = imports.group(2);
            boolean wildcard = imports.group(3) != null;
            String pkg = packageOf(name);
            if (pkg.startsWith("io.emuhost.") && !allowed(pkg, own, test)) {
                found.add("imports " + name + (wildcard ? ".*" : "") + " (package " + pkg + ")");
            }
        }
        // fully qualified uses (new io.emuhost.x.internal.Foo(), Class.forName, {@link ...})
        Matcher names = INTERNAL_NAME.matcher(IMPORT.matcher(PACKAGE.matcher(source).replaceAll("")).replaceAll(""));
        Set<String> reported = new TreeSet<>();
        while (names.find()) {
            String pkg = names.group();
            if (!own.contains(pkg) && own.stream().noneMatch(p -> p.startsWith(pkg + ".")) && reported.add(pkg)) {
                found.add("names " + pkg + " (another bundle's internal package)");
            }
        }
        return found;
    }

    static boolean allowed(String pkg, Set<String> own, boolean test) {
        if (own.contains(pkg) || pkg.equals("io.emuhost.syntax") || pkg.startsWith("io.emuhost.syntax.")
                || pkg.equals("io.emuhost.api") || pkg.startsWith("io.emuhost.api.")) {
            return true;
        }
        return test && pkg.startsWith("io.emuhost.testkit.") && !pkg.contains(".internal");
    }

    /**
     * The package of an imported name: its leading lower-case segments (Java's naming
     * convention: {@code a.b.C.D} is class {@code C}'s member {@code D} in package {@code a.b}).
     */
    static String packageOf(String name) {
        StringBuilder pkg = new StringBuilder();
        for (String segment : name.split("\\.")) {
            if (Character.isUpperCase(segment.charAt(0))) {
                break;
            }
            pkg.append(pkg.length() == 0 ? "" : ".").append(segment);
        }
        return pkg.toString();
    }

    static Set<String> declaredPackages(Path sources) throws IOException {
        Set<String> packages = new TreeSet<>();
        for (Path file : javaFiles(sources)) {
            Matcher m = PACKAGE.matcher(read(file));
            if (m.find()) {
                packages.add(m.group(1));
            }
        }
        return packages;
    }

    /** Lines as {@code wc -l} counts them, plus a last line without its newline. */
    static int lineCount(String text) {
        int n = (int) text.chars().filter(c -> c == '\n').count();
        return text.isEmpty() || text.endsWith("\n") ? n : n + 1;
    }

    static String median(int[] sorted) {
        if (sorted.length == 0) {
            return "-";
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? Integer.toString(sorted[mid])
                : Double.toString((sorted[mid - 1] + sorted[mid]) / 2.0);
    }

    private List<Path> bundles() throws IOException {
        try (Stream<Path> dirs = Files.list(root.resolve("bundles"))) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml"))).sorted().toList();
        }
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java") && Files.isRegularFile(f)).sorted().toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String relative(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    /** The repository root: this module's parent (surefire sets basedir; the working directory is it too). */
    private static Path repositoryRoot() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        Path root = module.getParent();
        if (root == null || !Files.isDirectory(root.resolve("bundles")) || !Files.isDirectory(root.resolve("launcher"))) {
            throw new IllegalStateException("not the itests module of an emuhost checkout: " + module);
        }
        return root;
    }
}
