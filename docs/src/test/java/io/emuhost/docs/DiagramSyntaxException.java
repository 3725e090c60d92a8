package io.emuhost.docs;

import java.io.IOException;

/** A diagram source PlantUML cannot draw: the file, the line and PlantUML's message. */
final class DiagramSyntaxException extends IOException {

    private static final long serialVersionUID = 1L;

    DiagramSyntaxException(String message) {
        super(message);
    }
}
