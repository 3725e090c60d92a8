package io.emuhost.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The build's diagram step (docs/architecture.md, "Diagrams"): every {@code docs/diagrams/*.puml}
 * is rendered to {@code docs/target/diagrams/*.svg}, and the committed {@code docs/images/*.svg}
 * the pages show must have been rendered from the source as it is now. With
 * {@code -Ddiagrams.render} the rendered SVGs are written to {@code docs/images/} instead.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DiagramsTest {

    private static final Path SOURCES = Path.of("diagrams");
    private static final Path IMAGES = Path.of("images");
    private static final Path RENDERED = Path.of("target", "diagrams");
    private static final String RERENDER = "mvn -B -o -q verify -pl docs -Ddiagrams.render";

    static Stream<Path> sources() throws IOException {
        try (Stream<Path> files = Files.list(SOURCES)) {
            return files.filter(file -> file.toString().endsWith(".puml")).sorted().toList().stream();
        }
    }

    @Order(1) // renders first, so that the check of images/ below sees what -Ddiagrams.render wrote
    @ParameterizedTest
    @MethodSource("sources")
    void committedImage_isRenderedFromTheCurrentSource(Path source) throws IOException {
        RenderedDiagram diagram = RenderedDiagram.render(source);
        Files.createDirectories(RENDERED);
        Files.writeString(RENDERED.resolve(diagram.name() + ".svg"), diagram.svg(), StandardCharsets.UTF_8);
        Path image = IMAGES.resolve(diagram.name() + ".svg");
        if (rendering()) {
            Files.createDirectories(IMAGES);
            Files.writeString(image, diagram.svg(), StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.isRegularFile(image), "docs/" + image + " is missing; render it: " + RERENDER);
        assertTrue(diagram.sameSourceAs(Files.readString(image, StandardCharsets.UTF_8)),
                "docs/" + image + " was not rendered from docs/" + source + " as it is now; re-render: " + RERENDER);
    }

    @Order(2)
    @Test
    void everyImage_hasASource_andIsShownInTheReadmeAndTheArchitecturePage() throws IOException {
        List<String> names = sources().map(file -> file.getFileName().toString().replace(".puml", "")).toList();
        assertFalse(names.isEmpty(), "no docs/diagrams/*.puml");
        assertTrue(Files.isDirectory(IMAGES), "docs/images/ is missing; render it: " + RERENDER);
        try (Stream<Path> images = Files.list(IMAGES)) {
            List<String> svgs = images.map(file -> file.getFileName().toString())
                    .filter(file -> file.endsWith(".svg")).map(file -> file.replace(".svg", "")).sorted().toList();
            assertEquals(names, svgs, "docs/images/*.svg and docs/diagrams/*.puml");
        }
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        String architecture = Files.readString(Path.of("architecture.md"), StandardCharsets.UTF_8);
        for (String name : names) {
            assertTrue(readme.contains("(docs/images/" + name + ".svg)"), "README.md shows docs/images/" + name + ".svg");
            assertTrue(architecture.contains("(images/" + name + ".svg)"), "docs/architecture.md shows images/" + name + ".svg");
        }
    }

    private static boolean rendering() {
        String value = System.getProperty("diagrams.render", "false");
        return !value.equals("false");
    }
}
