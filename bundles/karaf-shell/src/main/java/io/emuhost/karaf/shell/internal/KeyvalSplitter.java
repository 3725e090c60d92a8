package io.emuhost.karaf.shell.internal;

import java.util.ArrayList;
import java.util.List;

/** Splits a QEMU keyval string at single commas; {@code ,,} stands for one literal comma. */
final class KeyvalSplitter {

    private KeyvalSplitter() {
    }

    /**
     * Splits the text into its elements, unescaped.
     *
     * @param text e.g. {@code memory-backend-file,id=m,mem-path=/a,,b}
     * @return e.g. {@code [memory-backend-file, id=m, mem-path=/a,b]}; one empty element for ""
     */
    static List<String> split(String text) {
        List<String> elements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ',' && i + 1 < text.length() && text.charAt(i + 1) == ',') {
                current.append(',');
                i += 2;
            } else if (c == ',') {
                elements.add(current.toString());
                current.setLength(0);
                i++;
            } else {
                current.append(c);
                i++;
            }
        }
        if (current.length() > 0 || elements.isEmpty()) {
            elements.add(current.toString());
        }
        return elements;
    }
}
