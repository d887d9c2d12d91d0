package io.jtractor.internal.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddrTest {

    @Test
    void tcpTextFormParsesAndPrints() {
        assertThat(Addr.parse("127.0.0.1:1616")).isEqualTo(new TcpAddr("127.0.0.1", 1616));
        assertThat(TcpAddr.parse("[::1]:80")).isEqualTo(new TcpAddr("::1", 80));
        assertThat(new TcpAddr("::1", 80)).hasToString("[::1]:80");
        assertThat(new TcpAddr("localhost", 0)).hasToString("localhost:0");
    }

    @Test
    void badTcpTextIsRefusedWithTheText() {
        assertThatThrownBy(() -> TcpAddr.parse("localhost"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"localhost\"");
        assertThatThrownBy(() -> TcpAddr.parse("h:port"))
                .hasMessageContaining("numeric port");
        assertThatThrownBy(() -> TcpAddr.parse("h:70000"))
                .hasMessageContaining("0 to 65535, found 70000");
    }

    @Test
    void udsTextFormIsAnAbsolutePath() {
        var addr = Addr.parse("/run/jtractor/root.sock");

        assertThat(addr).isEqualTo(new UdsAddr("/run/jtractor", "root.sock"));
        assertThat(((UdsAddr) addr).path()).isEqualTo(Path.of("/run/jtractor/root.sock"));
        assertThat(addr).hasToString("/run/jtractor/root.sock");
    }

    @Test
    void wireFormsRoundTrip() {
        var tcp = new TcpAddr("127.0.0.1", 1616);
        var uds = new UdsAddr("/tmp", "a.sock");

        assertThat(tcp.toWire()).containsExactly("127.0.0.1", 1616);
        assertThat(uds.toWire()).containsExactly("/tmp", "a.sock");
        assertThat(Addr.fromWire(List.of("127.0.0.1", 1616L))).isEqualTo(tcp);
        assertThat(Addr.fromWire(uds.toWire())).isEqualTo(uds);
        assertThatThrownBy(() -> Addr.fromWire(List.of("127.0.0.1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("found [127.0.0.1]");
    }
}
