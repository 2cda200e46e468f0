package io.servicegrade.platform.json;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The characters of a UTF-8 body (a bad byte fails the read), for a parser that may take only so long: SnakeYAML
 * asks for more text every 1,024 characters, so a read past the deadline stops a parse that went quadratic.
 */
final class TimedReader extends Reader {

    /** The parse took longer than it may. */
    static final class OutOfTime extends IOException {
        OutOfTime() {
            super("out of time", null);
        }
    }

    /** Whether {@code failure} (as the parser wrapped it) is a read past the deadline. */
    static boolean ranOut(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OutOfTime) {
                return true;
            }
        }
        return false;
    }

    private final Reader text;
    private final long deadline;

    TimedReader(byte[] body, Duration allowed) {
        this.text = new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        this.deadline = System.nanoTime() + allowed.toNanos();
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (System.nanoTime() > deadline) {
            throw new OutOfTime();
        }
        return text.read(buffer, offset, length);
    }

    @Override
    public void close() throws IOException {
        text.close();
    }
}
