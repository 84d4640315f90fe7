import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Metadata load generator for glance-api (single-file source: {@code java bench/Bench.java ...}).
 *
 * <p>For each concurrency level: N workers, each with its own keep-alive HTTP/1.1 connection (a plain socket, so the
 * client costs little CPU on a 2-core machine), share a fixed number of {@code POST /v2/images} requests, then a fixed
 * number of {@code GET /v2/images/{id}} of the images created so far (show), then {@code GET /v2/images?limit=25}
 * (list). Prints requests/s (requests / wall time of the phase), latency percentiles
 * (per request, from writing the request to reading the last byte of the response), errors (non-201/200 answers or
 * I/O failures), the CPU the server and this client used during the phase (in cores) and the server's CPU ms per
 * request ("srv cpu ms").
 *
 * <p>Options: --url http://127.0.0.1:PORT (required), --label NAME, --concurrency 1,8,32, --creates 2000, --shows 1000,
 * --lists 200, --list-path /v2/images?limit=25, --warmup-creates 200, --warmup-lists 50, --server-pid PID[,PID...]
 * (their CPU summed), --token
 * TOKEN (sent as X-Auth-Token on every request: a Keystone token for a server that validates them), --tsv FILE
 * (appends "label op concurrency requests errors rps p50 p99 max" lines).
 */
public final class Bench {

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                System.err.println("usage: java Bench.java --url http://127.0.0.1:PORT [--label NAME] [--concurrency 1,8,32]"
                        + " [--creates 2000] [--shows 1000] [--lists 200] [--list-path /v2/images?limit=25]"
                        + " [--warmup-creates 200] [--warmup-lists 50] [--server-pid PID] [--token TOKEN] [--tsv FILE]");
                System.exit(2);
            }
            opt.put(args[i].substring(2), args[++i]);
        }
        URI url = URI.create(required(opt, "url"));
        String label = opt.getOrDefault("label", url.getHost() + ":" + url.getPort());
        int[] levels = Arrays.stream(opt.getOrDefault("concurrency", "1,8,32").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        int creates = Integer.parseInt(opt.getOrDefault("creates", "2000"));
        int shows = Integer.parseInt(opt.getOrDefault("shows", "1000"));
        int lists = Integer.parseInt(opt.getOrDefault("lists", "200"));
        String listPath = opt.getOrDefault("list-path", "/v2/images?limit=25");
        int warmCreates = Integer.parseInt(opt.getOrDefault("warmup-creates", "200"));
        int warmLists = Integer.parseInt(opt.getOrDefault("warmup-lists", "50"));
        // One pid, or several separated by commas whose CPU is summed (glance-api and the glance-registry behind it).
        long[] serverPid = Arrays.stream(opt.getOrDefault("server-pid", "-1").split(","))
                .mapToLong(pid -> Long.parseLong(pid.trim())).toArray();
        String tsv = opt.get("tsv");

        String token = opt.get("token");
        Target target = new Target(url.getHost(), url.getPort() < 0 ? 80 : url.getPort(),
                token == null ? "" : "X-Auth-Token: " + token + "\r\n");
        // The ids of the images created so far (the warm-up's too): what show requests ask for, round-robin.
        List<String> created = java.util.Collections.synchronizedList(new ArrayList<>());
        Op create = new Op("create", 201, n -> target.post("/v2/images",
                "{\"name\": \"bench-" + n + "\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}"),
                created);
        Op show = new Op("show", 200, n -> target.get("/v2/images/" + created.get(n % created.size())), null);
        Op list = new Op("list", 200, n -> target.get(listPath), null);

        System.out.printf(Locale.ROOT, "%s (%s): warm-up %d creates + %d shows + %d lists at concurrency 8 (not"
                + " reported)%n", label, url, warmCreates, warmLists, warmLists);
        Result warm = run(target, create, 8, warmCreates, "w", serverPid);
        if (created.isEmpty()) {
            System.err.println("no image could be created during the warm-up: " + warm.firstError.get());
            System.exit(1);
        }
        run(target, show, 8, warmLists, "w", serverPid);
        run(target, list, 8, warmLists, "w", serverPid);

        System.out.printf(Locale.ROOT, "%-7s %5s %9s %7s %10s %9s %9s %9s %11s %11s %11s%n", "op", "conc", "requests",
                "errors", "req/s", "p50 ms", "p99 ms", "max ms", "server cpu", "client cpu", "srv cpu ms");
        for (int c : levels) {
            for (Object[] step : new Object[][] {{create, creates}, {show, shows}, {list, lists}}) {
                Op op = (Op) step[0];
                int count = (Integer) step[1];
                Result r = run(target, op, c, count, "c" + c, serverPid);
                System.out.printf(Locale.ROOT, "%-7s %5d %9d %7d %10.1f %9.2f %9.2f %9.2f %11s %11s %11s%n", op.name,
                        c, count, r.errors, r.rps(), r.pct(0.50), r.pct(0.99), r.pct(1.0),
                        r.serverCores < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", r.serverCores),
                        String.format(Locale.ROOT, "%.2f", r.clientCores),
                        r.serverCores < 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", r.serverCpuMsPerRequest()));
                if (r.firstError.get() != null) {
                    System.out.println("        first error: " + r.firstError.get());
                }
                if (tsv != null) {
                    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(tsv), StandardCharsets.UTF_8,
                            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND))) {
                        w.printf(Locale.ROOT, "%s\t%s\t%d\t%d\t%d\t%.1f\t%.2f\t%.2f\t%.2f%n", label, op.name, c, count,
                                r.errors, r.rps(), r.pct(0.50), r.pct(0.99), r.pct(1.0));
                    }
                }
            }
        }
    }

    private static String required(Map<String, String> opt, String key) {
        String v = opt.get(key);
        if (v == null) {
            System.err.println("missing --" + key);
            System.exit(2);
        }
        return v;
    }

    /** @param ids where the ids of the images this operation created go, or {@code null} */
    record Op(String name, int expected, java.util.function.IntFunction<byte[]> request, List<String> ids) {
        private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

        Response call(Conn conn, int n) throws IOException {
            Response response = conn.exchange(request.apply(n));
            if (ids != null && response.status() == expected) {
                java.util.regex.Matcher id = ID.matcher(new String(response.body(), StandardCharsets.UTF_8));
                if (id.find()) {
                    ids.add(id.group(1));
                }
            }
            return response;
        }
    }

    record Response(int status, byte[] body) {
    }

    static final class Result {
        long[] latencies;
        int errors;
        double seconds;
        double serverCores = -1;
        double clientCores;
        final AtomicReference<String> firstError = new AtomicReference<>();

        double rps() {
            return latencies.length / seconds;
        }

        /** The server's CPU time per request, in ms: what a request costs, which holds up better under load. */
        double serverCpuMsPerRequest() {
            return serverCores * seconds * 1000 / latencies.length;
        }

        double pct(double p) { // nearest rank, in ms
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p * latencies.length);
            return latencies[Math.max(0, Math.min(latencies.length - 1, rank - 1))] / 1e6;
        }
    }

    static Result run(Target target, Op op, int concurrency, int count, String tag, long[] serverPid)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        long[][] lat = new long[concurrency][];
        int[] done = new int[concurrency];
        int[] errors = new int[concurrency];
        Result result = new Result();
        CountDownLatch ready = new CountDownLatch(concurrency);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            final int worker = w;
            lat[w] = new long[count];
            Thread t = new Thread(() -> {
                Conn conn = null;
                try {
                    conn = target.connect();
                } catch (IOException e) {
                    result.firstError.compareAndSet(null, "connect: " + e);
                }
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                int n;
                while ((n = next.getAndIncrement()) < count) {
                    long t0 = System.nanoTime();
                    try {
                        if (conn == null) {
                            conn = target.connect();
                        }
                        Response r = op.call(conn, n);
                        if (r.status() != op.expected()) {
                            errors[worker]++;
                            result.firstError.compareAndSet(null, "HTTP " + r.status() + ": "
                                    + new String(r.body(), 0, Math.min(300, r.body().length), StandardCharsets.UTF_8));
                        }
                        if (conn.mustClose) {
                            conn.close();
                            conn = null;
                        }
                    } catch (IOException e) {
                        errors[worker]++;
                        result.firstError.compareAndSet(null, e.toString());
                        if (conn != null) {
                            conn.close();
                        }
                        conn = null;
                    }
                    lat[worker][done[worker]++] = System.nanoTime() - t0;
                }
                if (conn != null) {
                    conn.close();
                }
            }, "bench-" + tag + "-" + w);
            threads.add(t);
            t.start();
        }
        ready.await();
        long cpu0 = processCpuNanos();
        long srv0 = serverCpuTicks(serverPid);
        long t0 = System.nanoTime();
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        long elapsed = System.nanoTime() - t0;
        long srv1 = serverCpuTicks(serverPid);
        long cpu1 = processCpuNanos();
        int total = 0;
        for (int w = 0; w < concurrency; w++) {
            total += done[w];
            result.errors += errors[w];
        }
        long[] all = new long[total];
        int pos = 0;
        for (int w = 0; w < concurrency; w++) {
            System.arraycopy(lat[w], 0, all, pos, done[w]);
            pos += done[w];
        }
        Arrays.sort(all);
        result.latencies = all;
        result.seconds = elapsed / 1e9;
        result.clientCores = (cpu1 - cpu0) / (double) elapsed;
        if (srv0 >= 0 && srv1 >= 0) {
            result.serverCores = (srv1 - srv0) * (1e9 / 100.0) / elapsed; // USER_HZ is 100 on Linux
        }
        return result;
    }

    static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }

    /** utime + stime of the PIDs and their children that were waited for, in clock ticks; -1 when unknown. */
    static long serverCpuTicks(long[] pids) {
        long sum = 0;
        for (long pid : pids) {
            long ticks = serverCpuTicks(pid);
            if (ticks < 0) {
                return -1;
            }
            sum += ticks;
        }
        return sum;
    }

    static long serverCpuTicks(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            long sum = 0;
            for (long p : withDescendants(pid)) {
                String stat = Files.readString(Path.of("/proc/" + p + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                sum += Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15: utime, stime
            }
            return sum;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static List<Long> withDescendants(long pid) {
        List<Long> pids = new ArrayList<>();
        pids.add(pid);
        ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
        return pids;
    }

    /** @param extraHeaders header lines (each ending in CRLF) sent with every request */
    record Target(String host, int port, String extraHeaders) {
        Conn connect() throws IOException {
            return new Conn(host, port);
        }

        byte[] get(String path) {
            return ("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                    + "\r\nAccept: application/json\r\nUser-Agent: glance-bench\r\n" + extraHeaders + "\r\n")
                    .getBytes(StandardCharsets.UTF_8);
        }

        byte[] post(String path, String json) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                    + "\r\nAccept: application/json\r\nContent-Type: application/json\r\nUser-Agent: glance-bench"
                    + "\r\nContent-Length: " + body.length + "\r\n" + extraHeaders + "\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] all = Arrays.copyOf(head, head.length + body.length);
            System.arraycopy(body, 0, all, head.length, body.length);
            return all;
        }
    }

    /** One keep-alive HTTP/1.1 connection: writes a request, reads the whole response (length, chunked or close). */
    static final class Conn {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        boolean mustClose;

        Conn(String host, int port) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(60_000);
            in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            out = new BufferedOutputStream(socket.getOutputStream(), 1 << 13);
        }

        Response exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String statusLine = line();
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("bad status line: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            long length = -1;
            boolean chunked = false;
            mustClose = parts[0].equals("HTTP/1.0");
            for (String h; !(h = line()).isEmpty(); ) {
                int colon = h.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = h.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> {
                        String v = value.toLowerCase(Locale.ROOT);
                        if (v.contains("close")) {
                            mustClose = true;
                        } else if (v.contains("keep-alive")) {
                            mustClose = false;
                        }
                    }
                    default -> { }
                }
            }
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            if (status == 204 || status == 304 || (status >= 100 && status < 200)) {
                return new Response(status, body.toByteArray());
            }
            if (chunked) {
                while (true) {
                    String sizeLine = line();
                    int semi = sizeLine.indexOf(';');
                    long size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
                    if (size == 0) {
                        while (!line().isEmpty()) {
                            // trailers
                        }
                        break;
                    }
                    copy(size, body);
                    line();
                }
            } else if (length >= 0) {
                copy(length, body);
            } else {
                in.transferTo(body);
                mustClose = true;
            }
            return new Response(status, body.toByteArray());
        }

        private void copy(long n, java.io.ByteArrayOutputStream body) throws IOException {
            byte[] buf = new byte[8192];
            while (n > 0) {
                int r = in.read(buf, 0, (int) Math.min(buf.length, n));
                if (r < 0) {
                    throw new EOFException("connection closed mid-body");
                }
                if (body.size() < (1 << 20)) {
                    body.write(buf, 0, r);
                }
                n -= r;
            }
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder(64);
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("connection closed by server");
                }
                if (b == '\n') {
                    int len = sb.length();
                    if (len > 0 && sb.charAt(len - 1) == '\r') {
                        sb.setLength(len - 1);
                    }
                    return sb.toString();
                }
                sb.append((char) b);
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
