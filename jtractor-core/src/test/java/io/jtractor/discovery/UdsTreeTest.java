package io.jtractor.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jtractor.Actor;
import io.jtractor.ActorNursery;
import io.jtractor.Discovery;
import io.jtractor.RootOptions;
import io.jtractor.Transport;
import io.jtractor.testing.NoZombies;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A whole actor tree on Unix domain sockets in a private runtime folder (W1). */
@ExtendWith(NoZombies.class)
@Timeout(60)
class UdsTreeTest {

    @TempDir
    Path tmp;

    private RootOptions udsRoot(Path dir) {
        return RootOptions.named("root").withTransport(Transport.UDS).withRuntimeDir(dir)
                .exposing(DiscoveryEndpoints.class);
    }

    private static List<String> socketFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sock"))
                    .sorted().toList();
        }
    }

    @Test
    void aWholeTreeRunsOnUnixSocketsAndRemovesThemAtTeardown() throws Exception {
        var dir = tmp.resolve("rt");
        try (var actors = ActorNursery.open(udsRoot(dir))) {
            assertThat(Discovery.registryAddress()).hasValue(dir.resolve("registrar.sock")
                    .toString());
            assertThat(Discovery.registrar().actor()).isEqualTo(Actor.id());

            var child = actors.startActor("uds-child", DiscoveryEndpoints.class);

            assertThat(child.run(DiscoveryEndpoints::add, 2, 3)).isEqualTo(5);
            assertThat(Discovery.queryActor("uds-child")).hasValueSatisfying(addr ->
                    assertThat(addr).startsWith(dir + "/uds-child-").endsWith(".sock"));
            assertThat(child.run(DiscoveryEndpoints::rootName)).isEqualTo("root");
            assertThat(child.run(DiscoveryEndpoints::registryAddress))
                    .isEqualTo(dir.resolve("registrar.sock").toString());
            var seen = new ArrayList<Integer>();
            try (var stream = Discovery.findActor("uds-child").orElseThrow()
                    .<Integer, Integer>openStreamFrom(DiscoveryEndpoints::count, 100)) {
                stream.forEach(seen::add);
            }
            assertThat(seen).hasSize(100).endsWith(99);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir,
                    LinkOption.NOFOLLOW_LINKS))).isEqualTo("rwx------");
            assertThat(Files.getAttribute(dir, "unix:uid"))
                    .isEqualTo(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
            assertThat(socketFiles(dir)).hasSize(2).contains("registrar.sock")
                    .anyMatch(n -> n.startsWith("uds-child-"));
        }
        assertThat(socketFiles(dir)).as("socket files left after teardown").isEmpty();
    }

    @Test
    void aStaleRegistrarSocketIsReplacedByTheNextRoot() throws Exception {
        var dir = Files.createDirectory(tmp.resolve("stale"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        var stale = dir.resolve("registrar.sock");
        try (var dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(stale));
        }
        assertThat(stale).as("closing a socket channel leaves its file").exists();

        try (var actors = ActorNursery.open(udsRoot(dir))) {
            assertThat(Discovery.registrar().actor()).isEqualTo(Actor.id());
        }
        assertThat(stale).doesNotExist();
    }

    @Test
    void aRuntimeFolderOpenToOthersIsNarrowedToItsOwner() throws Exception {
        var dir = Files.createDirectory(tmp.resolve("wide"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

        try (var actors = ActorNursery.open(udsRoot(dir))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                    .isEqualTo("rwx------");
        }
    }

    @Test
    void aRuntimeFolderOfAnotherUserIsRefused() throws Exception {
        Assumptions.assumeTrue(Files.getAttribute(Path.of("/proc/self"), "unix:uid")
                .equals(0), "only root can hand a folder to another user for this test");
        var dir = Files.createDirectory(tmp.resolve("theirs"));
        var nobody = dir.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName("nobody");
        Files.setOwner(dir, nobody);

        assertThatThrownBy(() -> ActorNursery.open(udsRoot(dir)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining("owned by uid");
        assertThat(Actor.isRunning()).isFalse();
    }
}
