/**
 * Sluice core: Node.js's Buffer, StringDecoder, EventEmitter, event loop and streams for the JVM.
 * Only the public API packages are exported; implementation lives in package-private classes.
 */
module io.sluice.core {
    exports io.sluice.buffer;
    exports io.sluice.error;
    exports io.sluice.event;
    exports io.sluice.fs;
    exports io.sluice.loop;
    exports io.sluice.stream;
    exports io.sluice.zlib;

    // Brotli (io.sluice.zlib) when brotli4j is present; everything else needs the JDK only.
    requires static com.aayushatharva.brotli4j;
}
