package dev.snapfusion.bridge.convert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.bridge.arch.Presets;
import dev.snapfusion.bridge.source.PipelineSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link PhoneFloorGraphsTest} for the full-size presets (SD-v1.5, SnapFusion, BK-SDM): every recipe, every file the
 * converter writes, with synthetic weights streamed into a channel that keeps nothing (about 1.5 G parameters are
 * still made and encoded per preset and recipe, hence {@code large}). Run with
 * {@code -Dtest.excludedGroups= -Dgroups=large -Dtest=PhoneFloorFullSizeLargeTest}.
 */
@Tag("large")
class PhoneFloorFullSizeLargeTest {
    @Test
    void namedPresets_everyRecipeEveryFile_loadOnTflite2161() throws Exception {
        for (String preset : Presets.NAMED) {
            for (Quantization q : Quantization.values()) {
                long t0 = System.nanoTime();
                List<ConverterGraphs.Checked> files;
                try (PipelineSource src = PipelineSource.open(preset); FileChannel sink = new NullChannel()) {
                    files = ConverterGraphs.check(src, q.recipe(), sink);
                }
                String what = preset + " " + q.cliName();
                System.out.printf(Locale.ROOT, "%-12s %-12s %3d files %5.1f s, understated %s%n", preset, q.cliName(), files.size(),
                        (System.nanoTime() - t0) / 1e9, ConverterGraphs.understated(files));
                assertThat(files).as(what).allSatisfy(c -> assertThat(c.report().refusals()).as(c.file()).isEmpty());
                assertThat(ConverterGraphs.understated(files)).as(what).isEqualTo(PhoneFloorGraphsTest.UNDERSTATED.get(q));
                assertThat(ConverterGraphs.pairs(files)).as(what).allMatch(p -> p.endsWith(" v1"));
            }
        }
    }

    /** A read-write channel that keeps nothing: writes are counted and dropped, reads return zeros. */
    static final class NullChannel extends FileChannel {
        private long size;
        private long position;

        @Override
        public int write(ByteBuffer src, long at) {
            int n = src.remaining();
            src.position(src.limit());
            size = Math.max(size, at + n);
            return n;
        }

        @Override
        public int read(ByteBuffer dst, long at) {
            if (at >= size) return -1;
            int n = (int) Math.min(dst.remaining(), size - at);
            for (int i = 0; i < n; i++) dst.put((byte) 0);
            return n;
        }

        @Override
        public int read(ByteBuffer dst) {
            int n = read(dst, position);
            if (n > 0) position += n;
            return n;
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) {
            long n = 0;
            for (int i = offset; i < offset + length; i++) n += Math.max(0, read(dsts[i]));
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            int n = write(src, position);
            position += n;
            return n;
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            long n = 0;
            for (int i = offset; i < offset + length; i++) n += write(srcs[i]);
            return n;
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public FileChannel position(long p) {
            position = p;
            return this;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public FileChannel truncate(long s) {
            size = Math.min(size, s);
            return this;
        }

        @Override
        public void force(boolean metaData) {
        }

        @Override
        public long transferTo(long at, long count, WritableByteChannel target) throws IOException {
            throw new IOException("not supported");
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long at, long count) throws IOException {
            throw new IOException("not supported");
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long at, long s) throws IOException {
            throw new IOException("not supported");
        }

        @Override
        public FileLock lock(long at, long s, boolean shared) throws IOException {
            throw new IOException("not supported");
        }

        @Override
        public FileLock tryLock(long at, long s, boolean shared) throws IOException {
            throw new IOException("not supported");
        }

        @Override
        protected void implCloseChannel() {
        }
    }
}
