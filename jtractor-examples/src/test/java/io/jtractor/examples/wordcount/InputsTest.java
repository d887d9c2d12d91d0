package io.jtractor.examples.wordcount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputsTest {

    @TempDir
    Path dir;

    private static List<SourceFile> readAll(Inputs inputs) {
        var files = new ArrayList<SourceFile>();
        inputs.forEachRemaining(files::add);
        return files;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private Path zip(String... namesAndTexts) throws IOException {
        Path file = dir.resolve("sources.zip");
        try (OutputStream out = Files.newOutputStream(file);
                var zip = new ZipOutputStream(out)) {
            for (int i = 0; i < namesAndTexts.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndTexts[i]));
                zip.write(namesAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }

    @Test
    void directoryYieldsJavaFilesSortedByRelativePath() throws IOException {
        Path root = dir.resolve("src");
        write(root.resolve("b/B.java"), "class B {}");
        write(root.resolve("A.java"), "class A {}\n");
        write(root.resolve("notes.txt"), "not java");
        write(root.resolve("deep/er/C.java"), "class Cé {}");
        Files.createDirectories(root.resolve("empty.java"));

        try (var inputs = Inputs.open(root)) {
            assertThat(inputs.fileCount()).isEqualTo(3);
            assertThat(inputs.totalBytes()).isEqualTo(11 + 10 + 12);
            assertThat(readAll(inputs)).containsExactly(
                    new SourceFile("A.java", "class A {}\n"),
                    new SourceFile("b/B.java", "class B {}"),
                    new SourceFile("deep/er/C.java", "class Cé {}"));
            assertThat(inputs.hasNext()).isFalse();
        }
    }

    @Test
    void zipYieldsJavaEntriesInArchiveOrder() throws IOException {
        Path file = zip(
                "m/z/Z.java", "class Z {}",
                "m/readme.md", "# no",
                "m/a/", "",
                "m/a/A.java", "class Aé {}");

        try (var inputs = Inputs.open(file)) {
            assertThat(inputs.fileCount()).isEqualTo(2);
            assertThat(inputs.totalBytes()).isEqualTo(10 + 12);
            assertThat(readAll(inputs)).containsExactly(
                    new SourceFile("m/z/Z.java", "class Z {}"),
                    new SourceFile("m/a/A.java", "class Aé {}"));
        }
    }

    @Test
    void rawBytesDecodeToTheSameFileAsNext() throws IOException {
        Path file = zip("a/Café.java", "class Café { String s = \"naïve\"; }");
        SourceBytes raw;
        try (var inputs = Inputs.open(file)) {
            raw = inputs.nextBytes();
            assertThat(inputs.hasNext()).isFalse();
        }
        SourceFile text;
        try (var inputs = Inputs.open(file)) {
            text = inputs.next();
        }
        assertThat(raw.path()).isEqualTo("a/Café.java");
        assertThat(raw.content()).hasSize(
                "class Café { String s = \"naïve\"; }".getBytes(StandardCharsets.UTF_8).length);
        assertThat(raw.decode()).isEqualTo(text);
    }

    @Test
    void readByIndexFindsTheFileTheIterationYieldsThereInAnotherInputsOnTheSameZip()
            throws IOException {
        var zip = zip("a/A.java", "class A {}", "b/B.java", "class B {}", "C.java", "class C {}");

        try (var listing = Inputs.open(zip); var reader = Inputs.open(zip)) {
            var iterated = readAll(listing);
            assertThat(reader.read(2).decode()).isEqualTo(iterated.get(2));
            assertThat(reader.read(0).decode()).isEqualTo(iterated.get(0));
            assertThat(reader.hasNext()).as("read leaves the iteration where it was").isTrue();
            assertThat(reader.root()).isEqualTo(zip);
            assertThatThrownBy(() -> reader.read(3))
                    .isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void nextAfterTheLastFileFails() throws IOException {
        try (var inputs = Inputs.open(zip("A.java", "class A {}"))) {
            inputs.next();

            assertThatThrownBy(inputs::next)
                    .isInstanceOf(NoSuchElementException.class)
                    .hasMessageContaining("all 1 files");
        }
    }

    @Test
    void malformedUtf8IsReplacedNotFatal() throws IOException {
        Path root = dir.resolve("src");
        Files.createDirectories(root);
        Files.write(root.resolve("Bad.java"), new byte[] {'a', (byte) 0xFF, 'b'});

        try (var inputs = Inputs.open(root)) {
            assertThat(inputs.next().text()).isEqualTo("a\uFFFDb");
        }
    }

    @Test
    void unreadableEntryFailsWithItsName() throws IOException {
        Path file = zip("A.java", "class A {}");
        breakFirstLocalHeader(file);

        try (var inputs = Inputs.open(file)) {
            assertThatThrownBy(inputs::next)
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("cannot read entry A.java of " + file);
        }
    }

    /** Zeroes the signature of the first entry's local header; the central directory stays. */
    static void breakFirstLocalHeader(Path zip) throws IOException {
        byte[] bytes = Files.readAllBytes(zip);
        bytes[0] = 0;
        bytes[1] = 0;
        Files.write(zip, bytes);
    }

    @Test
    void missingInputIsRejectedWithItsPath() {
        Path missing = dir.resolve("nowhere");

        assertThatThrownBy(() -> Inputs.open(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("input not found: " + missing);
    }

    @Test
    void fileThatIsNoZipIsRejected() throws IOException {
        Path text = dir.resolve("plain.txt");
        Files.writeString(text, "just text");

        assertThatThrownBy(() -> Inputs.open(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("neither a directory nor a zip file: " + text);
    }

    @Test
    void defaultInputIsTheJdkSourceZip() {
        Path javaHome = Path.of(System.getProperty("java.home"));
        Path expected = javaHome.resolve("lib/src.zip");

        if (Files.isRegularFile(expected)) {
            assertThat(Inputs.defaultInput()).isEqualTo(expected);
        } else {
            assertThatThrownBy(Inputs::defaultInput)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no JDK sources at " + expected);
        }
    }

    @Test
    void defaultInputNamesTheMissingPath() {
        String javaHome = System.getProperty("java.home");
        System.setProperty("java.home", dir.toString());
        try {
            assertThatThrownBy(Inputs::defaultInput)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no JDK sources at " + dir.resolve("lib/src.zip"))
                    .hasMessageContaining("--input");
        } finally {
            System.setProperty("java.home", javaHome);
        }
    }
}
