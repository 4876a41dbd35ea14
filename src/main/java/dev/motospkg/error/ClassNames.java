package dev.motospkg.error;

import java.util.regex.Pattern;

/**
 * Libraries put their exception class names into messages ("UnknownTokenException: Unknown token
 * found", "(java.lang.ArithmeticException: long overflow)"); users should read only the words.
 */
public final class ClassNames {
    private static final Pattern IN_PARENS = Pattern.compile(
            "\\s*\\((?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?::[^)]*)?\\)");
    private static final Pattern QUALIFIED = Pattern.compile(
            "(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)(?::\\s*)?");
    private static final Pattern SIMPLE = Pattern.compile("\\b[A-Z][A-Za-z0-9]*(?:Exception|Error)(?::\\s*)?");

    private ClassNames() {
    }

    public static String strip(String message) {
        if (message == null) {
            return null;
        }
        String s = IN_PARENS.matcher(message).replaceAll("");
        s = QUALIFIED.matcher(s).replaceAll("");
        return SIMPLE.matcher(s).replaceAll("");
    }
}
