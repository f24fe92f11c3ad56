package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.error.AbortException;
import io.sluice.error.ErrorCodes;
import io.sluice.error.NodeError;
import io.sluice.error.NodeRangeException;
import io.sluice.error.NodeTypeException;
import io.sluice.event.EventEmitter;
import io.sluice.loop.EventLoop;
import io.sluice.testing.Must;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Port of nodejs/node test/parallel/test-stream-consumers.js, with the behaviours around it
 * checked against node v20 (the expected values in comments come from running node).
 *
 * <p>Left out of the port: the {@code blob(...)} cases (Java has no Blob; {@link Consumers#bytes}
 * gives the same bytes) and every case on a web {@code TransformStream} (Sluice has no web
 * streams; the last one, an incomplete character flushed as U+FFFD, is kept on a Readable). The
 * objectMode cases where node's {@code buffer}/{@code arrayBuffer}/{@code bytes} turn
 * {@code {}} into {@code "[object Object]"} are ported as rejections with
 * {@code ERR_INVALID_ARG_TYPE}: Java's {@code toString} cannot give JavaScript's string of an
 * object, so Sluice refuses instead of inventing bytes (a documented difference).
 */
class StreamConsumersTest {
    private static final Object PENDING = new Object();

    /** Runs {@code body} on a fresh loop and returns what its future settled with: the value, or the Throwable. */
    private static Object settle(Supplier<? extends CompletableFuture<?>> body) {
        AtomicReference<Object> out = new AtomicReference<>(PENDING);
        Must.run(() -> body.get().whenComplete(Must.callBiConsumer((v, e) -> out.set(e != null ? e : v))));
        return out.get();
    }

    private static Readable<Object> from(Object... chunks) {
        return Readables.from(List.of(chunks));
    }

    private static Buffer bytes(int... b) {
        return Buffer.from(b);
    }

    /** A test-only JSON parser for the one shape the port needs: a string literal without escapes. */
    private static final Function<String, String> JSON_STRING = s -> {
        if (s.length() < 2 || s.charAt(0) != '"' || s.charAt(s.length() - 1) != '"') {
            throw new IllegalArgumentException("Unexpected token in JSON: " + s);
        }
        return s.substring(1, s.length() - 1);
    };

    /** The node test's shape: "hello" written at once, "there" with end() 10 ms later. */
    private static PassThrough<Object> helloThere(String first, String second) {
        PassThrough<Object> pass = new PassThrough<>();
        pass.write(first);
        EventLoop.current().setTimeout(() -> pass.end(second), 10);
        return pass;
    }

    // ---------------------------------------------------------------------------- the port

    @Test
    void bytesAndBufferOfAPassThrough() {
        // node: arrayBuffer / buffer / bytes all give the 10 bytes of "hellothere".
        Object ab = settle(() -> Consumers.bytes(helloThere("hello", "there")));
        assertThat((byte[]) ab).isEqualTo("hellothere".getBytes(StandardCharsets.US_ASCII));
        Object buf = settle(() -> Consumers.buffer(helloThere("hello", "there")));
        assertThat(buf).isEqualTo(Buffer.from("hellothere"));
        assertThat(((Buffer) buf).length()).isEqualTo(10);
    }

    @Test
    void textOfAPassThrough() {
        assertThat(settle(() -> Consumers.text(helloThere("hello", "there")))).isEqualTo("hellothere");
    }

    @Test
    void textReplacesASurrogateEncodingWithThreeReplacementCharacters() {
        // node: 66 6f 6f ed a0 80 pushed as one Uint8Array -> 'foo\ufffd\ufffd\ufffd'
        Object out = settle(() -> {
            Readable<Object> r = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            CompletableFuture<String> f = Consumers.text(r);
            r.push(new byte[] {0x66, 0x6f, 0x6f, (byte) 0xed, (byte) 0xa0, (byte) 0x80});
            r.pushEnd();
            return f;
        });
        assertThat(out).isEqualTo("foo\ufffd\ufffd\ufffd");
    }

    @Test
    void jsonOfAPassThrough() {
        // node: '"hello' then 'there"' parse to the string 'hellothere'.
        assertThat(settle(() -> Consumers.json(helloThere("\"hello", "there\""), JSON_STRING))).isEqualTo("hellothere");
    }

    @Test
    void objectModeObjectsAreRejectedByEveryConsumer() {
        // node: text and json reject with ERR_INVALID_ARG_TYPE and this exact message;
        // buffer/arrayBuffer/bytes give "[object Object][object Object]" (see the class comment).
        String nodeText = "The \"input\" argument must be an instance of SharedArrayBuffer, ArrayBuffer or ArrayBufferView.";
        String sluiceBytes = "The \"chunk\" argument must be of type string or an instance of Buffer, byte[], ByteBuffer "
                + "or a primitive array. Received an instance of Object";
        List<Function<PassThrough<Object>, CompletableFuture<?>>> consumers = List.of(
                Consumers::text, s -> Consumers.json(s, JSON_STRING), Consumers::buffer, Consumers::bytes);
        for (int i = 0; i < consumers.size(); i++) {
            Function<PassThrough<Object>, CompletableFuture<?>> consumer = consumers.get(i);
            List<String> log = Collections.synchronizedList(new ArrayList<>());
            Object out = settle(() -> {
                PassThrough<Object> s = new PassThrough<>(StreamOptions.create().objectMode(true));
                s.on(EventEmitter.ERROR, e -> log.add("error " + e.getClass().getSimpleName() + " " + ((NodeError) e).code()));
                s.onClose(() -> log.add("close"));
                CompletableFuture<?> f = consumer.apply(s);
                f.whenComplete((v, e) -> log.add("settled"));
                s.write(new Object());
                s.end(new Object());
                return f;
            });
            assertThat(out).isInstanceOf(NodeTypeException.class);
            assertThat(((NodeError) out).code()).isEqualTo(ErrorCodes.ERR_INVALID_ARG_TYPE);
            assertThat(((Throwable) out).getMessage()).isEqualTo(i < 2 ? nodeText : sluiceBytes);
            // node: the promise settles, then the stream gets 'error' (AbortError) and 'close'.
            assertThat(log).containsExactly("settled", "error AbortException ABORT_ERR", "close");
        }
    }

    @Test
    void incompleteCharacterAtTheEndBecomesOneReplacementCharacter() {
        // node: e2 then 82, then the end -> '\ufffd'
        assertThat(settle(() -> Consumers.text(from(bytes(0xe2), bytes(0x82))))).isEqualTo("\ufffd");
    }

    // ---------------------------------------------------------------------------- for-await semantics

    @Test
    void streamErrorRejectsWithThatError() {
        RuntimeException boom = new RuntimeException("boom");
        Object out = settle(() -> {
            Readable<Object> r = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            CompletableFuture<String> f = Consumers.text(r);
            r.push("x");
            EventLoop.current().setTimeout(() -> r.destroy(boom), 5);
            return f;
        });
        assertThat(out).isSameAs(boom);
    }

    @Test
    void destroyWithoutErrorIsAPrematureClose() {
        // node: ERR_STREAM_PREMATURE_CLOSE, "Premature close"
        for (Function<Readable<Object>, CompletableFuture<?>> consumer : List.<Function<Readable<Object>, CompletableFuture<?>>>of(
                Consumers::text, Consumers::buffer, Consumers::bytes, r -> Consumers.json(r, JSON_STRING))) {
            Object out = settle(() -> {
                Readable<Object> r = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
                CompletableFuture<?> f = consumer.apply(r);
                r.push("x");
                EventLoop.current().setTimeout(r::destroy, 5);
                return f;
            });
            assertThat(out).isInstanceOf(NodeError.class);
            assertThat(((NodeError) out).code()).isEqualTo(ErrorCodes.ERR_STREAM_PREMATURE_CLOSE);
            assertThat(((Throwable) out).getMessage()).isEqualTo("Premature close");
        }
    }

    @Test
    void parserExceptionFailsTheFutureWithItUnwrapped() {
        IllegalStateException bad = new IllegalStateException("bad json");
        Object out = settle(() -> Consumers.json(from("{"), s -> {
            assertThat(s).isEqualTo("{");
            throw bad;
        }));
        assertThat(out).isSameAs(bad);
        // A parser may return null (JSON's null).
        assertThat(settle(() -> Consumers.json(from("null"), s -> null))).isNull();
    }

    @Test
    void emptyStreams() {
        assertThat(settle(() -> Consumers.text(from()))).isEqualTo("");
        assertThat((byte[]) settle(() -> Consumers.bytes(from()))).isEmpty();
        assertThat(settle(() -> Consumers.buffer(from()))).isEqualTo(Buffer.alloc(0));
        assertThat(settle(() -> Consumers.json(from(), s -> "<" + s + ">"))).isEqualTo("<>");
    }

    @Test
    void badArgumentsThrowAtOnce() {
        Must.run(() -> {
            NodeTypeException e = org.junit.jupiter.api.Assertions.assertThrows(NodeTypeException.class,
                    () -> Consumers.text(null));
            assertThat(e.code()).isEqualTo(ErrorCodes.ERR_INVALID_ARG_TYPE);
            assertThat(e).hasMessage("The \"stream\" argument must be an instance of Readable. Received null");
            NodeTypeException p = org.junit.jupiter.api.Assertions.assertThrows(NodeTypeException.class,
                    () -> Consumers.json(from("1"), null));
            assertThat(p).hasMessage("The \"parser\" argument must be of type function. Received null");
        });
    }

    @Test
    void mustBeCalledOnTheLoopThread() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Must.run(() -> {
            Readable<Object> r = from("a");
            Thread t = Thread.ofPlatform().start(() -> {
                try {
                    Consumers.text(r);
                } catch (Throwable e) {
                    thrown.set(e);
                }
            });
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            // Still usable from its own thread.
            Consumers.text(r).thenAccept(Must.callConsumer(s -> assertThat(s).isEqualTo("a")));
        });
        assertThat(thrown.get()).isInstanceOf(IllegalStateException.class);
        assertThat(thrown.get().getMessage()).contains("consumers.text()");
    }

    // ---------------------------------------------------------------------------- chunk shapes

    @Test
    void byteOrderMarkIsDroppedOnlyAsTheFirstDecodedCharacter() {
        // Each expected value is node's consumers.text of the same chunks.
        assertThat(settle(() -> Consumers.text(from(bytes(0xef, 0xbb, 0xbf, 0x41))))).isEqualTo("A");
        assertThat(settle(() -> Consumers.text(from(bytes(0xef), bytes(0xbb), bytes(0xbf, 0x41))))).isEqualTo("A");
        assertThat(settle(() -> Consumers.text(from("x", bytes(0xef, 0xbb, 0xbf, 0x41))))).isEqualTo("xA");
        assertThat(settle(() -> Consumers.text(from(bytes(0x80), bytes(0xef, 0xbb, 0xbf))))).isEqualTo("\ufffd\ufeff");
        assertThat(settle(() -> Consumers.text(from(bytes(0xef, 0xbb, 0xbf), bytes(0xef, 0xbb, 0xbf))))).isEqualTo("\ufeff");
        assertThat(settle(() -> Consumers.text(from(bytes(), bytes(0xef, 0xbb, 0xbf, 0x42))))).isEqualTo("B");
        assertThat(settle(() -> Consumers.text(from(bytes(0xef, 0xbb))))).isEqualTo("\ufffd");
        // buffer() keeps the bytes as they are.
        assertThat(settle(() -> Consumers.buffer(from(bytes(0xef, 0xbb, 0xbf, 0x41))))).isEqualTo(bytes(0xef, 0xbb, 0xbf, 0x41));
    }

    @Test
    void illFormedAndSplitSequences() {
        // node's results for each chunking
        assertThat(settle(() -> Consumers.text(from(bytes(0xe2), "abc", bytes(0x82, 0xac))))).isEqualTo("abc\u20ac");
        assertThat(settle(() -> Consumers.text(from(bytes(0xe2, 0x82))))).isEqualTo("\ufffd");
        assertThat(settle(() -> Consumers.text(from(bytes(0xe0, 0x80, 0x41))))).isEqualTo("\ufffd\ufffdA");
        assertThat(settle(() -> Consumers.text(from(bytes(0xf0, 0x9f), bytes(0x98, 0x80))))).isEqualTo("\ud83d\ude00");
        assertThat(settle(() -> Consumers.text(from(bytes(0xf4, 0x90, 0x80, 0x80))))).isEqualTo("\ufffd".repeat(4));
        assertThat(settle(() -> Consumers.text(from(bytes(0xc0, 0xaf))))).isEqualTo("\ufffd\ufffd");
        assertThat(settle(() -> Consumers.text(from(bytes(0xf0, 0x9f, 0x98))))).isEqualTo("\ufffd");
    }

    @Test
    void stringChunksAndSurrogates() {
        // node: text joins 'a\ud800' + '\udc00' into one pair; buffer encodes each string on its own.
        assertThat(settle(() -> Consumers.text(from("a\ud800", "\udc00")))).isEqualTo("a\ud800\udc00");
        assertThat(settle(() -> Consumers.buffer(from("a\ud800b", "\udc00"))))
                .isEqualTo(bytes(0x61, 0xef, 0xbf, 0xbd, 0x62, 0xef, 0xbf, 0xbd));
    }

    @Test
    void javaByteShapesAreBytes() {
        // byte[] as Uint8Array, ByteBuffer (remaining bytes) as a DataView, short[] as a Uint16Array
        // (node: Uint16Array [0x4241] -> 'AB' on little-endian hardware).
        ByteBuffer bb = ByteBuffer.wrap(new byte[] {0x30, 0x43, 0x44, 0x39}, 1, 2);
        Object out = settle(() -> Consumers.text(from(new byte[] {0x41}, bb, new short[] {0x4645}, new int[] {0x4a494847})));
        assertThat(out).isEqualTo("ACDEFGHIJ");
        assertThat(bb.position()).isEqualTo(1);
        Object b = settle(() -> Consumers.bytes(from(new long[] {1L}, new float[] {1.5f}, new double[] {-0.0})));
        assertThat((Object) Buffer.wrap((byte[]) b)).isEqualTo(Buffer.from(new int[] {
            1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xc0, 0x3f, 0, 0, 0, 0, 0, 0, 0, 0x80}));
    }

    @Test
    void numbersAreRejectedWithNodesReceivedText() {
        // node's buffer() would give '1'; Sluice rejects (see the class comment).
        Object out = settle(() -> Consumers.buffer(from(1)));
        assertThat(out).isInstanceOf(NodeTypeException.class);
        assertThat(((Throwable) out).getMessage()).endsWith("Received type number (1)");
        Object t = settle(() -> Consumers.text(from(true)));
        assertThat(((NodeError) t).code()).isEqualTo(ErrorCodes.ERR_INVALID_ARG_TYPE);
    }

    @Test
    void textOfAStreamWithAnEncoding() {
        Object out = settle(() -> {
            Readable<Object> r = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            r.setEncoding("utf8");
            CompletableFuture<String> f = Consumers.text(r);
            r.push(bytes(0xe2, 0x82));
            r.push(bytes(0xac, 0x21));
            r.pushEnd();
            return f;
        });
        assertThat(out).isEqualTo("\u20ac!");
    }

    // ---------------------------------------------------------------------------- adversarial

    private static final String SAMPLE = "h\u00e9llo w\u00f6rld \u20ac \ud83d\ude00 \u0800\uffff ";

    @Test
    void oneByteChunks() {
        String s = SAMPLE.repeat(2000);
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        List<Object> chunks = new ArrayList<>(utf8.length);
        for (byte x : utf8) {
            chunks.add(Buffer.from(new int[] {x}));
        }
        assertThat(settle(() -> Consumers.text(Readables.from(chunks)))).isEqualTo(s);
        assertThat((byte[]) settle(() -> Consumers.bytes(Readables.from(chunks)))).isEqualTo(utf8);
        // Byte mode too: a Readable pushing one byte per read.
        int[] pos = {0};
        Object viaPush = settle(() -> Consumers.text(new Readable<>(StreamOptions.create().highWaterMark(1).doRead((r, n) -> {
            r.push(pos[0] < utf8.length ? Buffer.from(new int[] {utf8[pos[0]++]}) : null);
        }))));
        assertThat(viaPush).isEqualTo(s);
    }

    @Test
    void oneEightMebibyteChunk() {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < (8 << 20) / 2) {
            sb.append(SAMPLE);
        }
        byte[] utf8 = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] big = java.util.Arrays.copyOf(utf8, 8 << 20); // cut mid-character somewhere, padded with zeros
        Buffer chunk = Buffer.wrap(big);
        Object text = settle(() -> Consumers.text(from(chunk)));
        assertThat(text).isEqualTo(chunk.toString());
        Object buf = settle(() -> Consumers.buffer(from(chunk)));
        assertThat(buf).isEqualTo(chunk);
        big[0] ^= 1;
        assertThat(((Buffer) buf).get(0)).isEqualTo(utf8[0] & 0xff); // a copy, not a view
    }

    @Test
    void sharedSlicesOfOneBuffer() {
        String s = SAMPLE.repeat(300);
        Buffer whole = Buffer.from(s);
        Random rnd = new Random(42);
        for (int round = 0; round < 20; round++) {
            List<Object> slices = new ArrayList<>();
            for (int at = 0; at < whole.length(); ) {
                int end = Math.min(whole.length(), at + rnd.nextInt(9));
                slices.add(whole.subarray(at, end));
                at = end;
            }
            assertThat(settle(() -> Consumers.text(Readables.from(slices)))).isEqualTo(s);
            Object buf = settle(() -> Consumers.buffer(Readables.from(slices)));
            assertThat(buf).isEqualTo(whole);
        }
        // The same slice many times over: each occurrence counts.
        int at = Buffer.byteLength(s.substring(0, s.indexOf('\u20ac', 10)));
        Buffer euro = whole.subarray(at, at + 3);
        assertThat((Object) euro).isEqualTo(Buffer.from("\u20ac"));
        assertThat(settle(() -> Consumers.text(Readables.from(Collections.nCopies(1000, euro))))).isEqualTo("\u20ac".repeat(1000));
    }

    @Test
    void totalPastMaxLengthFailsWhileReading() {
        // 32 references to one 64 MiB buffer: 2^31 bytes, past Buffer.MAX_LENGTH, without the memory.
        Buffer block = Buffer.alloc(64 << 20);
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Object out = settle(() -> {
            Readable<Object> r = Readables.from(Collections.nCopies(40, block));
            r.on(EventEmitter.ERROR, e -> log.add("error " + e.getClass().getSimpleName()));
            return Consumers.bytes(r);
        });
        assertThat(out).isInstanceOf(NodeRangeException.class);
        assertThat(((NodeError) out).code()).isEqualTo(ErrorCodes.ERR_BUFFER_TOO_LARGE);
        assertThat(((Throwable) out).getMessage()).isEqualTo("Cannot create a Buffer larger than " + Buffer.MAX_LENGTH + " bytes");
        assertThat(log).containsExactly("error " + AbortException.class.getSimpleName());
    }
}
