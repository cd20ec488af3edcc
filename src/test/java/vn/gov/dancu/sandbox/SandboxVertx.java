package vn.gov.dancu.sandbox;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;

/**
 * The sandbox's own Vert.x, separate from the one Quarkus runs the gateway on, so the simulators
 * look to the gateway exactly like remote servers and need no CDI.
 */
public final class SandboxVertx {

    private SandboxVertx() {
    }

    /** A Vert.x that serves no files: no {@code .vertx} cache directory appears in the working directory. */
    public static Vertx create() {
        return Vertx.vertx(new VertxOptions().setFileSystemOptions(
                new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
    }

    /**
     * Waits for a Vert.x future from a caller's thread (start and stop only). Calling this on an
     * event loop would deadlock it, so it refuses to.
     */
    public static <T> T await(Future<T> future) {
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            throw new IllegalStateException("sandbox simulators must be started and stopped off the event loop");
        }
        return future.toCompletionStage().toCompletableFuture().join();
    }
}
