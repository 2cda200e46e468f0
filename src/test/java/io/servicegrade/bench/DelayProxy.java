package io.servicegrade.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy that adds latency, for the fault run "the database answers 500 ms late" (toxiproxy's latency toxic;
 * no toxiproxy server can be installed here). Every chunk the database sends back is forwarded {@code delay} ms
 * after it arrived, in order, so each round trip to the database takes that much longer; what the client sends
 * goes through at once. The delay is read from a file every 100 ms, so a run can add it once the server is up and
 * remove it again, as a toxic is added and removed.
 *
 * <p>{@code java -cp ... io.servicegrade.bench.DelayProxy --listen PORT --target HOST:PORT --delay-file FILE}
 * (the file holds the delay in ms; missing or unreadable means 0).
 */
public final class DelayProxy {

    private final Path delayFile;
    private final AtomicLong delayMs = new AtomicLong();

    DelayProxy(Path delayFile) {
        this.delayFile = delayFile;
    }

    public static void main(String[] args) throws Exception {
        String listen = null;
        String target = null;
        String file = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--listen" -> listen = args[i + 1];
                case "--target" -> target = args[i + 1];
                case "--delay-file" -> file = args[i + 1];
                default -> throw new IllegalArgumentException(args[i]);
            }
        }
        String host = target.substring(0, target.lastIndexOf(':'));
        int port = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
        new DelayProxy(Path.of(file)).serve(Integer.parseInt(listen), host, port);
    }

    void serve(int listenPort, String host, int port) throws IOException {
        Thread reader = new Thread(() -> {
            while (true) {
                delayMs.set(readDelay());
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "delay-file");
        reader.setDaemon(true);
        reader.start();
        try (ServerSocket server = new ServerSocket(listenPort, 128, InetAddress.getLoopbackAddress())) {
            System.out.println("delay proxy on localhost:" + listenPort + " -> " + host + ":" + port);
            while (true) {
                Socket client = server.accept();
                try {
                    Socket upstream = new Socket();
                    upstream.connect(new InetSocketAddress(host, port), 10_000);
                    client.setTcpNoDelay(true);
                    upstream.setTcpNoDelay(true);
                    pump(client.getInputStream(), upstream.getOutputStream(), false, client, upstream);
                    pump(upstream.getInputStream(), client.getOutputStream(), true, client, upstream);
                } catch (IOException e) {
                    client.close();
                }
            }
        }
    }

    private long readDelay() {
        try {
            return Long.parseLong(Files.readString(delayFile, StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** A chunk and when it may go on; an empty chunk closes the other side. */
    private record Chunk(byte[] bytes, long dueNanos) {
    }

    /** Copies {@code in} to {@code out}, each chunk held back by the delay when {@code delayed}. */
    private void pump(InputStream in, OutputStream out, boolean delayed, Socket a, Socket b) {
        BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        Thread read = new Thread(() -> {
            byte[] buffer = new byte[65536];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    long delay = delayed ? delayMs.get() : 0;
                    queue.add(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime() + delay * 1_000_000));
                }
            } catch (IOException e) {
                // the connection went away: close the other side in turn
            }
            queue.add(new Chunk(new byte[0], System.nanoTime() + (delayed ? delayMs.get() : 0) * 1_000_000));
        }, "proxy-read");
        Thread write = new Thread(() -> {
            try {
                while (true) {
                    Chunk chunk = queue.take();
                    long wait = chunk.dueNanos() - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    if (chunk.bytes().length == 0) {
                        break;
                    }
                    out.write(chunk.bytes());
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // fall through to close
            }
            close(a);
            close(b);
        }, "proxy-write");
        read.setDaemon(true);
        write.setDaemon(true);
        read.start();
        write.start();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
