package io.emuhost.docs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.sourceforge.plantuml.BlockUml;
import net.sourceforge.plantuml.ErrorUml;
import net.sourceforge.plantuml.FileFormat;
import net.sourceforge.plantuml.FileFormatOption;
import net.sourceforge.plantuml.SourceStringReader;
import net.sourceforge.plantuml.error.PSystemError;

/**
 * One {@code .puml} source rendered to SVG by PlantUML (in process, the MIT build: sequence
 * diagrams need no Graphviz, the others use {@code !pragma layout smetana}).
 *
 * <p>PlantUML writes into every SVG its own version ({@code <?plantuml 1.2026.10?>}) and the
 * diagram's source, compressed ({@code <?plantuml-src ...?>}). Those two are what
 * {@link #sameSourceAs} compares: they say which source and which PlantUML drew an image, and
 * unlike the coordinates they do not depend on the fonts of the machine that rendered it.
 *
 * @param name   the file name without {@code .puml}
 * @param svg    the rendered SVG
 */
record RenderedDiagram(String name, String svg) {

    private static final Pattern VERSION = Pattern.compile("<\\?plantuml ([^?]*)\\?>");
    private static final Pattern SOURCE = Pattern.compile("<\\?plantuml-src ([^?]*)\\?>");

    /**
     * Renders {@code source}.
     *
     * @throws IOException          if the source cannot be read
     * @throws DiagramSyntaxException if PlantUML does not understand the source (it would draw
     *                              its error picture instead of the diagram)
     */
    static RenderedDiagram render(Path source) throws IOException {
        String file = source.getFileName().toString();
        String text = Files.readString(source, StandardCharsets.UTF_8);
        SourceStringReader reader = new SourceStringReader(text);
        if (reader.getBlocks().size() != 1) {
            throw new DiagramSyntaxException(file + ": expected one @startuml ... @enduml block, found "
                    + reader.getBlocks().size());
        }
        BlockUml block = reader.getBlocks().get(0);
        if (block.getDiagram() instanceof PSystemError error) {
            ErrorUml first = error.getFirstError();
            throw new DiagramSyntaxException(file + ":" + (error.getLineLocation().getPosition() + 1) + ": "
                    + first.getError() + ": " + first.getLine().getString());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reader.outputImage(out, new FileFormatOption(FileFormat.SVG));
        return new RenderedDiagram(file.substring(0, file.length() - ".puml".length()),
                out.toString(StandardCharsets.UTF_8));
    }

    /**
     * Whether {@code committedSvg} was rendered from the same source by the same PlantUML
     * version as this one.
     */
    boolean sameSourceAs(String committedSvg) {
        Optional<String> source = first(SOURCE, svg);
        return source.isPresent() && source.equals(first(SOURCE, committedSvg))
                && first(VERSION, svg).equals(first(VERSION, committedSvg));
    }

    private static Optional<String> first(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
