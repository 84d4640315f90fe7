import io.glance.client.GlanceClient;
import io.glance.client.NewImage;
import io.glance.client.ProgressListener;
import io.glance.client.ResumableUploadResult;
import io.glance.client.ResumeSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cost of a resume (bench/resume.sh): the same file uploaded by the Java client through a counting TCP proxy
 * (1) in one PUT, (2) through a resumable session without interruption, (3) through a resumable session whose
 * connection the proxy cuts once at 50 %. Prints the bytes the proxy forwarded to glance-api and the seconds from
 * the first request to the image being active, and (3) against (2).
 *   java -cp 'glance-cli/target/lib/*' bench/ResumeBench.java URL FILE
 */
public final class ResumeBench {
    public static void main(String[] args) throws Exception {
        URI glance = URI.create(args[0]);
        Path file = Path.of(args[1]);
        long size = Files.size(file);
        try (Proxy proxy = new Proxy(glance.getPort())) {
            GlanceClient client = GlanceClient.create(URI.create("http://127.0.0.1:" + proxy.port()));
            ResumeSettings settings = ResumeSettings.defaults().withDelays(Duration.ofMillis(100), Duration.ofSeconds(2));
            double[] put = run(proxy, client, size, -1, id -> {
                client.upload(id, file, ProgressListener.NONE);
                return null;
            });
            double[] whole = run(proxy, client, size, -1, id -> client.uploadResumable(id, file, settings,
                    ProgressListener.NONE));
            double[] cut = run(proxy, client, size, size / 2, id -> client.uploadResumable(id, file, settings,
                    ProgressListener.NONE));
            System.out.printf(Locale.ROOT, "  %-44s %14s %9s %9s%n", "", "bytes sent", "x size", "seconds");
            line("PUT /file (one request, no session)", put, size);
            line("resumable, uninterrupted", whole, size);
            line("resumable, cut once at 50 %", cut, size);
            System.out.printf(Locale.ROOT, "  resume overhead: %+d bytes (%+.4f x size), %+.2f s (%+.1f %%) against the"
                    + " uninterrupted resumable upload%n", (long) (cut[0] - whole[0]), (cut[0] - whole[0]) / size,
                    cut[1] - whole[1], 100 * (cut[1] - whole[1]) / whole[1]);
        }
    }

    interface Upload {
        ResumableUploadResult send(String imageId) throws Exception;
    }

    /** bytes through the proxy, seconds to active */
    private static double[] run(Proxy proxy, GlanceClient client, long size, long cutAt, Upload upload)
            throws Exception {
        String id = client.create(NewImage.named("resume-bench").diskFormat("raw").containerFormat("bare")).id();
        proxy.count.set(0);
        if (cutAt > 0) {
            proxy.cutAt.set(cutAt);
        }
        long t0 = System.nanoTime();
        ResumableUploadResult result = upload.send(id);
        while (!client.show(id).status().equals("active")) {
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double bytes = proxy.count.get();
        if (cutAt > 0 && (result == null || result.resumes() < 1)) {
            throw new IllegalStateException("the cut at " + cutAt + " did not happen");
        }
        client.delete(id);
        return new double[] {bytes, seconds};
    }

    private static void line(String label, double[] figures, long size) {
        System.out.printf(Locale.ROOT, "  %-44s %14d %9.4f %9.2f%n", label, (long) figures[0], figures[0] / size,
                figures[1]);
    }

    /** Forwards loopback connections to glance-api, counts client-to-server bytes, cuts all once at a mark. */
    private static final class Proxy implements AutoCloseable {
        final AtomicLong count = new AtomicLong();
        final AtomicLong cutAt = new AtomicLong(-1);
        private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> open = new CopyOnWriteArrayList<>();
        private final int target;

        Proxy(int target) throws IOException {
            this.target = target;
            Thread.ofPlatform().daemon().start(this::accept);
        }

        int port() {
            return listener.getLocalPort();
        }

        private void accept() {
            try {
                while (true) {
                    Socket client = listener.accept();
                    Socket server = new Socket();
                    server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target));
                    open.add(client);
                    open.add(server);
                    Thread.ofPlatform().daemon().start(() -> pump(client, server, true));
                    Thread.ofPlatform().daemon().start(() -> pump(server, client, false));
                }
            } catch (IOException stopped) {
                // closed
            }
        }

        private void pump(Socket from, Socket to, boolean up) {
            byte[] buffer = new byte[256 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (up) {
                        long mark = cutAt.get();
                        long before = count.get();
                        if (mark > 0 && before + n >= mark && cutAt.compareAndSet(mark, -1)) {
                            out.write(buffer, 0, (int) (mark - before));
                            count.addAndGet(mark - before);
                            open.forEach(ResumeBench::closeQuietly);
                            return;
                        }
                        count.addAndGet(n);
                    }
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // cut or closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            open.forEach(ResumeBench::closeQuietly);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // gone
        }
    }
}
