package io.jtractor.examples.wordcount;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Counts lines, words and Java identifiers in one source file.
 *
 * <h2>Implementation overview</h2>
 *
 * <p>Lines, words and the UTF-8 size are counted on the text as given, in one pass.
 * Identifiers come from a small hand-written lexer that runs on the text after Unicode escapes
 * ({@code \u005cu0041}) are translated, as the Java compiler does first. The lexer only needs
 * to know where code ends and something else begins, so it has a method per span, each
 * consuming it whole: line comment, block comment, string or character literal, text block
 * and number literal (so that {@code 1e10} or {@code 0xCAFEL} yield no identifier). Between
 * spans is code, where a run of {@link Character#isJavaIdentifierStart(int)} followed by
 * {@link Character#isJavaIdentifierPart(int)} code points is an identifier unless it is a
 * reserved keyword or one of the literals {@code true}, {@code false} and {@code null}.
 * Contextual keywords such as {@code var}, {@code record} or {@code yield} are counted as
 * identifiers, since they are legal names everywhere else.
 *
 * <p>Malformed input (an unterminated literal or comment) never fails: a string or character
 * literal ends at the end of its line, a comment or text block at the end of the file.
 */
public final class Analyzer {

    private static final Set<String> KEYWORDS = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char",
            "class", "const", "continue", "default", "do", "double", "else", "enum",
            "extends", "final", "finally", "float", "for", "goto", "if", "implements",
            "import", "instanceof", "int", "interface", "long", "native", "new", "package",
            "private", "protected", "public", "return", "short", "static", "strictfp",
            "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "_", "true", "false", "null");

    /** {@link Character#isWhitespace(int)} for each ASCII character. */
    private static final boolean[] ASCII_WHITESPACE = asciiTable(Character::isWhitespace);

    /** {@link Character#isJavaIdentifierStart(int)} for each ASCII character. */
    private static final boolean[] ASCII_IDENTIFIER_START =
            asciiTable(Character::isJavaIdentifierStart);

    /** {@link Character#isJavaIdentifierPart(int)} for each ASCII character. */
    private static final boolean[] ASCII_IDENTIFIER_PART =
            asciiTable(Character::isJavaIdentifierPart);

    private Analyzer() {
    }

    /**
     * Analyzes one file.
     *
     * <p>A pure function: safe to call from any thread, never blocks.
     *
     * @param file the file to analyze
     * @return its line, word and identifier counts and its UTF-8 size
     * @throws NullPointerException if {@code file} is null
     */
    public static FileStats analyze(SourceFile file) {
        String text = file.text();
        var identifiers = new HashMap<String, Integer>();
        new Lexer(translateUnicodeEscapes(text), identifiers).run();
        return measure(file.path(), text, identifiers);
    }

    /**
     * Counts lines, words and UTF-8 bytes in one pass, the three being the bulk of the work.
     * A line ends with {@code \n}, {@code \r\n} or {@code \r}, and an unended last line
     * counts. A word is a maximal run of characters that are not {@link
     * Character#isWhitespace(char)}. Bytes are the length of {@code text.getBytes(UTF_8)}.
     */
    private static FileStats measure(String path, String text, Map<String, Integer> identifiers) {
        int lines = 0;
        int words = 0;
        long bytes = 0;
        boolean inWord = false;
        char previous = '\n';
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            boolean word = c < 0x80 ? !ASCII_WHITESPACE[c] : !Character.isWhitespace(c);

            // Branch-free on purpose: words and whitespace alternate too often to predict.
            words += word & !inWord ? 1 : 0;
            inWord = word;
            lines += c == '\r' || (c == '\n' && previous != '\r') ? 1 : 0;
            previous = c;

            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (!Character.isSurrogate(c)) {
                bytes += 3;
            } else if (Character.isHighSurrogate(c) && i + 1 < length
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                // The encoder replaces an unpaired surrogate with '?'.
                bytes += 1;
            }
        }
        if (length > 0 && !isLineTerminator(previous)) {
            lines++;
        }
        return new FileStats(path, lines, words, bytes, identifiers);
    }

    /**
     * Replaces each Unicode escape with the character it stands for, as JLS 3.3 describes: a
     * backslash starts an escape only when an even number of backslashes precede it, and the
     * {@code u} may repeat. A malformed escape is left as it is.
     */
    static String translateUnicodeEscapes(String text) {
        if (text.indexOf("\\u") < 0) {
            return text;
        }
        var out = new StringBuilder(text.length());
        int copied = 0;
        int backslash = text.indexOf('\\');
        while (backslash >= 0) {
            // Only a run's last backslash can precede a 'u'; it is eligible when the run has
            // an odd length, that is when an even number of backslashes precede it.
            int runEnd = backslash;
            while (runEnd < text.length() && text.charAt(runEnd) == '\\') {
                runEnd++;
            }
            int escapeEnd = (runEnd - backslash) % 2 == 1 ? unicodeEscapeEnd(text, runEnd - 1) : -1;
            if (escapeEnd > 0) {
                out.append(text, copied, runEnd - 1);
                out.append((char) Integer.parseInt(text, escapeEnd - 4, escapeEnd, 16));
                copied = escapeEnd;
                runEnd = escapeEnd;
            }
            backslash = text.indexOf('\\', runEnd);
        }
        if (copied == 0) {
            return text;
        }
        return out.append(text, copied, text.length()).toString();
    }

    /** Where the escape starting with the backslash at {@code start} ends, or -1 if none does. */
    private static int unicodeEscapeEnd(String text, int start) {
        int i = start + 1;
        if (i >= text.length() || text.charAt(i) != 'u') {
            return -1;
        }
        while (i < text.length() && text.charAt(i) == 'u') {
            i++;
        }
        if (i + 4 > text.length()) {
            return -1;
        }
        for (int j = i; j < i + 4; j++) {
            if (Character.digit(text.charAt(j), 16) < 0) {
                return -1;
            }
        }
        return i + 4;
    }

    private static boolean[] asciiTable(IntPredicate property) {
        var table = new boolean[0x80];
        for (int c = 0; c < table.length; c++) {
            table[c] = property.test(c);
        }
        return table;
    }

    private static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r';
    }

    /** One pass over one file's text; each {@code skip} method consumes one span. */
    private static final class Lexer {
        private final String text;
        private final int end;
        private final Map<String, Integer> counts;
        private int pos;

        Lexer(String text, Map<String, Integer> counts) {
            this.text = text;
            this.end = text.length();
            this.counts = counts;
        }

        void run() {
            while (pos < end) {
                char c = text.charAt(pos);
                if (c == ' ' || c == '\n') {
                    pos++;
                } else if (c == '/' && peek(1) == '/') {
                    skipLineComment();
                } else if (c == '/' && peek(1) == '*') {
                    skipBlockComment();
                } else if (c == '"' && peek(1) == '"' && peek(2) == '"') {
                    skipTextBlock();
                } else if (c == '"' || c == '\'') {
                    skipQuoted(c);
                } else if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
                    skipNumber();
                } else if (isIdentifierStart(c)) {
                    readIdentifier();
                } else {
                    pos++;
                }
            }
        }

        private char peek(int ahead) {
            int at = pos + ahead;
            return at < end ? text.charAt(at) : '\0';
        }

        private void skipLineComment() {
            while (pos < end && !isLineTerminator(text.charAt(pos))) {
                pos++;
            }
        }

        private void skipBlockComment() {
            int close = text.indexOf("*/", pos + 2);
            pos = close < 0 ? end : close + 2;
        }

        /** A string or character literal: up to the unescaped closing quote or the line end. */
        private void skipQuoted(char quote) {
            pos++;
            while (pos < end) {
                char c = text.charAt(pos);
                if (c == '\\') {
                    pos += 2;
                } else if (c == quote) {
                    pos++;
                    return;
                } else if (isLineTerminator(c)) {
                    return;
                } else {
                    pos++;
                }
            }
            pos = end;
        }

        /** A text block: from the opening {@code """} to the first unescaped {@code """}. */
        private void skipTextBlock() {
            pos += 3;
            while (pos < end) {
                char c = text.charAt(pos);
                if (c == '\\') {
                    pos += 2;
                } else if (c == '"' && peek(1) == '"' && peek(2) == '"') {
                    pos += 3;
                    return;
                } else {
                    pos++;
                }
            }
            pos = end;
        }

        /**
         * A number literal in any radix, with underscores, fraction, exponent and suffix. The
         * sign after an exponent marker ({@code e} in decimal, {@code p} in hexadecimal) is
         * part of it.
         */
        private void skipNumber() {
            boolean hex = text.charAt(pos) == '0' && (peek(1) == 'x' || peek(1) == 'X');
            char previous = '\0';
            while (pos < end) {
                char c = text.charAt(pos);
                boolean exponentSign = (c == '+' || c == '-') && isExponentMarker(previous, hex);
                if (!isAsciiLetterOrDigit(c) && c != '_' && c != '.' && !exponentSign) {
                    return;
                }
                previous = c;
                pos++;
            }
        }

        private boolean isIdentifierStart(char c) {
            return c < 0x80 ? ASCII_IDENTIFIER_START[c]
                    : Character.isJavaIdentifierStart(text.codePointAt(pos));
        }

        private void readIdentifier() {
            int start = pos;
            pos += Character.charCount(text.codePointAt(pos));
            while (pos < end) {
                char c = text.charAt(pos);
                if (c < 0x80) {
                    if (!ASCII_IDENTIFIER_PART[c]) {
                        break;
                    }
                    pos++;
                } else {
                    int codePoint = text.codePointAt(pos);
                    if (!Character.isJavaIdentifierPart(codePoint)) {
                        break;
                    }
                    pos += Character.charCount(codePoint);
                }
            }
            String name = text.substring(start, pos);
            if (!KEYWORDS.contains(name)) {
                counts.merge(name, 1, Integer::sum);
            }
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean isAsciiLetterOrDigit(char c) {
            return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }

        private static boolean isExponentMarker(char c, boolean hex) {
            return hex ? c == 'p' || c == 'P' : c == 'e' || c == 'E';
        }
    }
}
