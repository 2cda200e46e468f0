package io.servicegrade.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The fault run "database latency" relies on DelayProxy holding back what the database sends, and nothing else. */
class DelayProxyTest {

    @Test
    void anAnswerThroughTheProxyComesBackIntactAndLateByTheDelay(@TempDir Path dir) throws Exception {
        ServerSocket echo = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread server = new Thread(() -> {
            try (Socket s = echo.accept()) {
                s.getInputStream().transferTo(s.getOutputStream());
            } catch (Exception e) {
                // the test is over
            }
        });
        server.setDaemon(true);
        server.start();
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Path delay = dir.resolve("delay");
        Files.writeString(delay, "300");
        Thread proxy = new Thread(() -> {
            try {
                new DelayProxy(delay).serve(port, "localhost", echo.getLocalPort());
            } catch (Exception e) {
                // the test is over
            }
        });
        proxy.setDaemon(true);
        proxy.start();

        try (Socket client = connect(port)) {
            client.setSoTimeout(10_000);
            OutputStream out = client.getOutputStream();
            InputStream in = client.getInputStream();
            Thread.sleep(300);
            long t0 = System.nanoTime();
            out.write("SELECT 1".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] answer = in.readNBytes(8);
            long ms = (System.nanoTime() - t0) / 1_000_000;

            assertThat(new String(answer, StandardCharsets.US_ASCII)).isEqualTo("SELECT 1");
            assertThat(ms).isGreaterThanOrEqualTo(300);
        }
    }

    private static Socket connect(int port) throws Exception {
        for (int i = 0; ; i++) {
            try {
                return new Socket(InetAddress.getLoopbackAddress(), port);
            } catch (java.net.ConnectException e) {
                if (i > 100) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }
}
