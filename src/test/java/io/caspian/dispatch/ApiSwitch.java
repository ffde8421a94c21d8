package io.caspian.dispatch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy in front of a cluster's API server that can take the API away and give it back, while
 * the server, and the Jobs in it, live on: an outage of the control plane rather than the loss of the
 * cluster. Down, it either refuses connections ({@link Outage#REFUSE}: nothing listens on its port, as
 * when the API server process is gone) or takes them and never answers ({@link Outage#SILENT}: a
 * partition, which a client notices only by its timeout); either way the connections open at the
 * moment it goes down are cut. Up again, it listens on the same port, so clients that point at it
 * need no change.
 */
final class ApiSwitch implements AutoCloseable {

    /** How the API is unavailable while down. */
    enum Outage { REFUSE, SILENT }

    private final InetSocketAddress upstream;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "api-switch");
        thread.setDaemon(true);
        return thread;
    });
    private volatile ServerSocket listening;
    private volatile Outage outage;

    private ApiSwitch(InetSocketAddress upstream) throws IOException {
        this.upstream = upstream;
        this.listening = listen(0);
        this.port = listening.getLocalPort();
        accept(listening);
    }

    /** A switch in front of the API server at {@code url} (plain HTTP), up. */
    static ApiSwitch inFrontOf(String url) {
        URI uri = URI.create(url);
        try {
            return new ApiSwitch(new InetSocketAddress(uri.getHost(), uri.getPort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The API's URL through the switch. */
    String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    /** Takes the API away: cuts the open connections and refuses or silences the new ones. */
    synchronized void down(Outage how) throws IOException {
        outage = how;
        if (how == Outage.REFUSE) {
            listening.close();
        }
        closeAll();
    }

    /** Gives the API back, on the same port. */
    synchronized void up() throws IOException {
        Outage was = outage;
        outage = null;
        if (was == Outage.REFUSE) {
            listening = listen(port);
            accept(listening);
        }
        // connections held silent during the outage have timed out at their clients by now, or see a reset
        closeAll();
    }

    private ServerSocket listen(int onPort) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
        return socket;
    }

    private void accept(ServerSocket socket) {
        threads.execute(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    open.add(client);
                    if (outage == null) {
                        forward(client);
                    }
                    // silent: held open, never read nor answered, until the switch is up again
                } catch (IOException e) {
                    // closed: going down or closing
                }
            }
        });
    }

    private void forward(Socket client) throws IOException {
        Socket server = new Socket();
        open.add(server);
        try {
            server.connect(upstream);
        } catch (IOException e) {
            cut(client);
            cut(server);
            return;
        }
        threads.execute(() -> pump(client, server));
        threads.execute(() -> pump(server, client));
    }

    /** Copies one direction until either side ends, then closes both. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            for (int read; (read = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // cut, or the other side has gone
        } finally {
            cut(from);
            cut(to);
        }
    }

    private void closeAll() {
        open.forEach(this::cut);
    }

    private void cut(Socket socket) {
        open.remove(socket);
        close(socket);
    }

    /** Closes with a reset rather than a clean end: to a client a cut connection, not an answer. */
    private static void close(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            // already closed
        }
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listening.close();
        closeAll();
        threads.shutdownNow();
    }
}
