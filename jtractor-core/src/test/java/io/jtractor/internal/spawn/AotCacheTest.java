package io.jtractor.internal.spawn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AotCacheTest {

    @TempDir
    Path dir;

    private Path jar(String name, String content) throws IOException {
        var file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    @Test
    void aClassPathOfJarsOnJdk25CanBeCached() throws IOException {
        var classPath = List.of(jar("a.jar", "a").toString(), jar("b.jar", "b").toString());

        assertThat(AotCache.unusableBecause("", 25, classPath)).isEmpty();
    }

    @Test
    void aFolderAnOldJdkOrModeOffCannotBeCachedAndSayWhy() throws IOException {
        var jar = jar("a.jar", "a").toString();
        var folder = Files.createDirectory(dir.resolve("classes")).toString();

        assertThat(AotCache.unusableBecause("", 25, List.of(jar, folder)))
                .hasValueSatisfying(why -> assertThat(why).contains(folder, "not a jar file"));
        assertThat(AotCache.unusableBecause("", 24, List.of(jar)))
                .hasValueSatisfying(why -> assertThat(why).contains("JDK 24", "25"));
        assertThat(AotCache.unusableBecause("OFF", 25, List.of(jar)))
                .hasValue("jtractor.aot=off");
        assertThat(AotCache.unusableBecause("", 25, List.of())).isPresent();
    }

    @Test
    void aRebuiltJarChangesTheCacheNameButNotItsFolder() throws IOException {
        var jar = jar("a.jar", "a");
        var classPath = List.of(jar.toString());
        var folder = AotCache.hash(classPath, false);
        var name = AotCache.hash(classPath, true);

        Files.writeString(jar, "rebuilt");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_000_000));

        assertThat(AotCache.hash(classPath, false)).isEqualTo(folder);
        assertThat(AotCache.hash(classPath, true)).isNotEqualTo(name).hasSize(16);
        assertThat(AotCache.hash(List.of(jar.toString(), jar("b.jar", "b").toString()), false))
                .as("another class path, another folder").isNotEqualTo(folder);
    }

    @Test
    void deleteOthersKeepsOnlyTheCachesOfTheSameBuild() throws IOException {
        var current = jar("child-1111.aot", "");
        var baseline = jar("bare-1111.aot", "");
        var stale = jar("child-0000.aot", "");
        var staleBaseline = jar("bare-0000.aot", "");
        var unrelated = jar("notes.txt", "");

        AotCache.deleteOthers(current);

        assertThat(current).exists();
        assertThat(baseline).exists();
        assertThat(unrelated).exists();
        assertThat(stale).doesNotExist();
        assertThat(staleBaseline).doesNotExist();
    }

    @Test
    void retrainingDeletesTheFoldersOfProgramsWhoseJarsAreGoneAndKeepsTheOthers()
            throws IOException {
        var liveJar = jar("live.jar", "x");
        var mine = Files.createDirectories(dir.resolve("aot").resolve("mine"));
        var current = Files.writeString(mine.resolve("child-1111.aot"), "");
        var gone = Files.createDirectories(dir.resolve("aot").resolve("gone"));
        Files.writeString(gone.resolve("child-2222.aot"), "");
        AotCache.recordClassPath(gone.resolve("child-2222.aot"),
                List.of(liveJar.toString(), dir.resolve("deleted.jar").toString()));
        var alive = Files.createDirectories(dir.resolve("aot").resolve("alive"));
        Files.writeString(alive.resolve("child-3333.aot"), "");
        AotCache.recordClassPath(alive.resolve("child-3333.aot"), List.of(liveJar.toString()));
        var unrecorded = Files.createDirectories(dir.resolve("aot").resolve("unrecorded"));
        Files.writeString(unrecorded.resolve("child-4444.aot"), "");

        AotCache.deleteAbandoned(current);

        assertThat(gone).doesNotExist();
        assertThat(alive.resolve("child-3333.aot")).exists();
        assertThat(unrecorded.resolve("child-4444.aot")).exists();
        assertThat(current).exists();
    }

    @Test
    void theTestSuitesClassPathOfFoldersStartsChildrenWithoutACache() {
        assertThat(AotCache.classPath()).anySatisfy(entry -> assertThat(entry).doesNotEndWith(
                ".jar"));
        assertThat(AotCache.childOptions()).isEmpty();
    }
}
