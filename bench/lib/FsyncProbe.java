import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * How long one fsync takes on the disk under a directory: every audit group commit waits for one
 * WAL flush (PostgreSQL with fsync and synchronous_commit on), so this is the floor under the audit
 * trail's share of a prefill's latency. Appends 8 KiB and forces it, {@code count} times.
 *
 * <pre>java FsyncProbe DIRECTORY [count]</pre> prints {@code fsync_p50_ms=}, {@code fsync_p99_ms=}.
 */
public final class FsyncProbe {

    private FsyncProbe() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Files.createTempFile(Path.of(args[0]), "fsync-probe", ".bin");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        long[] nanos = new long[count];
        ByteBuffer block = ByteBuffer.allocate(8192);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            for (int i = 0; i < count; i++) {
                block.clear();
                long start = System.nanoTime();
                channel.write(block);
                channel.force(false);
                nanos[i] = System.nanoTime() - start;
            }
        } finally {
            Files.deleteIfExists(file);
        }
        Arrays.sort(nanos);
        System.out.printf("fsync_p50_ms=%.2f%n", nanos[count / 2] / 1e6);
        System.out.printf("fsync_p99_ms=%.2f%n", nanos[(int) Math.ceil(count * 0.99) - 1] / 1e6);
    }
}
