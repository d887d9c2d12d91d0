package io.jtractor.examples.wordcount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalyzerTest {

    private static FileStats analyze(String text) {
        return Analyzer.analyze(new SourceFile("T.java", text));
    }

    private static Map<String, Integer> identifiers(String text) {
        return analyze(text).identifiers();
    }

    @Test
    void countsLinesWordsAndBytes() {
        var stats = analyze("int a = 1;\n\n  b  c\n");

        assertThat(stats.path()).isEqualTo("T.java");
        assertThat(stats.lines()).isEqualTo(3);
        assertThat(stats.words()).isEqualTo(6);
        assertThat(stats.bytes()).isEqualTo(19);
    }

    @Test
    void lastLineWithoutTerminatorCountsAndEmptyTextHasNoLines() {
        assertThat(analyze("").lines()).isZero();
        assertThat(analyze("").words()).isZero();
        assertThat(analyze("x").lines()).isEqualTo(1);
        assertThat(analyze("x\n").lines()).isEqualTo(1);
        assertThat(analyze("\n\n").lines()).isEqualTo(2);
    }

    @Test
    void crLfAndLoneCrEachEndOneLine() {
        assertThat(analyze("a\r\nb\rc").lines()).isEqualTo(3);
        assertThat(analyze("a\r\n\r\n").lines()).isEqualTo(2);
    }

    @Test
    void wordsAreSplitOnAnyWhitespace() {
        assertThat(analyze("a\tb\u000Bc\fd\u2003e\u00A0f").words()).isEqualTo(5);
    }

    @Test
    void bytesAreTheUtf8EncodedSize() {
        assertThat(analyze("é€\uD835\uDC65").bytes()).isEqualTo(9);
        assertThat(analyze("\uD800x").bytes()).isEqualTo(2);
    }

    @Test
    void keywordsAndTheLiteralsTrueFalseNullAreNotIdentifiers() {
        var found = identifiers(
                "public final class Foo { boolean b = true || false; Object o = null; int _x; }");

        assertThat(found).containsOnly(
                Map.entry("Foo", 1), Map.entry("b", 1), Map.entry("Object", 1),
                Map.entry("o", 1), Map.entry("_x", 1));
    }

    @Test
    void contextualKeywordsAndAnnotationNamesAreIdentifiers() {
        var found = identifiers("@Override var record = yield; sealed interface S permits T {}");

        assertThat(found).containsOnlyKeys(
                "Override", "var", "record", "yield", "sealed", "S", "permits", "T");
    }

    @Test
    void repeatedIdentifiersAreCounted() {
        assertThat(identifiers("a.b(a, a); b = c;"))
                .containsOnly(Map.entry("a", 3), Map.entry("b", 2), Map.entry("c", 1));
    }

    @Test
    void commentsAreSkipped() {
        var found = identifiers("""
                // line comment with words
                /* block comment
                   over lines */ int kept; /** javadoc {@code hidden} */
                int /* inline */ alsoKept;
                """);

        assertThat(found).containsOnlyKeys("kept", "alsoKept");
    }

    @Test
    void commentMarkersInsideStringsDoNotStartComments() {
        var found = identifiers("""
                String a = "/* not a comment"; int b;
                String c = "// not a comment either"; int d;
                String e = "*/"; int f;
                """);

        assertThat(found).containsOnlyKeys("String", "a", "b", "c", "d", "e", "f");
    }

    @Test
    void quotesInsideCommentsDoNotStartStrings() {
        var found = identifiers("""
                // it's "quoted"
                int a; /* don't " */ int b;
                """);

        assertThat(found).containsOnlyKeys("a", "b");
    }

    @Test
    void escapedQuotesAndBackslashesStayInsideLiterals() {
        var found = identifiers("""
                s = "say \\"hi\\" to me"; t = "ends with backslash \\\\"; u = 'x';
                v = '\\''; w = '"'; x = "it's";
                """);

        assertThat(found).containsOnlyKeys("s", "t", "u", "v", "w", "x");
    }

    @Test
    void textBlocksAreSkippedUpToTheFirstUnescapedTripleQuote() {
        var text = "String t = \"\"\"\n"
                + "    hello \"world\" and \"\" and \\\"\"\" still inside\n"
                + "    /* not a comment */ int notAnIdentifier;\n"
                + "    \"\"\"; int after;\n";

        assertThat(identifiers(text)).containsOnlyKeys("String", "t", "after");
    }

    @Test
    void numberLiteralsYieldNoIdentifiers() {
        var found = identifiers(
                "n = 0xCAFEL + 1e10 + 1E-5d + 0x1.8p-3 + 0b1010 + 1_000_000L + .5f + 3.d + 077;");

        assertThat(found).containsOnlyKeys("n");
    }

    @Test
    void signAfterHexDigitEIsAnOperator() {
        assertThat(identifiers("m = 0x1E+b;")).containsOnlyKeys("m", "b");
    }

    @Test
    void unicodeIdentifiersAreWhole() {
        var found = identifiers(
                "int café = 1; String 名前 = \"\"; double \uD835\uDC65; Ωmega = nai\u0308ve;");

        assertThat(found).containsOnlyKeys(
                "café", "String", "名前", "\uD835\uDC65", "Ωmega", "nai\u0308ve");
    }

    @Test
    void unicodeEscapesAreTranslatedBeforeLexing() {
        assertThat(identifiers("int \\u0061bc = \\uuu0064;")).containsOnlyKeys("abc", "d");
    }

    @Test
    void escapedUnicodeQuoteEndsAString() {
        // \u0022 is a double quote, so the literal ends there and 'hidden' is code.
        assertThat(identifiers("s = \"\\u0022; hidden;")).containsOnlyKeys("s", "hidden");
    }

    @Test
    void backslashBeforeAUnicodeEscapeMakesItPlainText() {
        var found = identifiers("s = \"\\\\u0022\"; kept;");

        assertThat(found).containsOnlyKeys("s", "kept");
    }

    @Test
    void malformedUnicodeEscapeIsLeftAsItIs() {
        assertThat(identifiers("a\\u00zz b")).containsOnlyKeys("a", "u00zz", "b");
    }

    @Test
    void unterminatedStringEndsAtTheLineEnd() {
        assertThat(identifiers("s = \"open\nint next;")).containsOnlyKeys("s", "next");
    }

    @Test
    void unterminatedBlockCommentRunsToTheEnd() {
        assertThat(identifiers("int a; /* never closed\nint b;")).containsOnlyKeys("a");
    }

    @Test
    void statsAreUnmodifiable() {
        var stats = analyze("a b");

        assertThatThrownBy(() -> stats.identifiers().put("c", 1))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
