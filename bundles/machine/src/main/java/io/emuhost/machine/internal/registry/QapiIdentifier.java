package io.emuhost.machine.internal.registry;

/**
 * QEMU's rule for object and device ids (util/id.c id_wellformed): an ASCII letter, then ASCII
 * letters, digits, '-', '.' and '_'.
 */
final class QapiIdentifier {

    private QapiIdentifier() {
    }

    static boolean isWellFormed(String id) {
        if (id.isEmpty() || !isLetter(id.charAt(0))) {
            return false;
        }
        for (int i = 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!isLetter(c) && !(c >= '0' && c <= '9') && "-._".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
