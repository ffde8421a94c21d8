package io.caspian.jobs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The TCP sockets this process listens on, from Linux's {@code /proc/net/tcp} and {@code tcp6}
 * (state {@code 0A}, LISTEN) joined with the socket inodes among {@code /proc/self/fd}.
 */
final class ListeningSockets {

    /** A listening socket: its local address ({@code 0.0.0.0} or {@code ::} for every interface) and port. */
    record Socket(String address, int port) {}

    private static final String LISTEN = "0A";

    private ListeningSockets() {}

    static Set<Socket> ofThisProcess() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        Set<Socket> sockets = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f[3].equals(LISTEN) && inodes.contains(f[9])) {
                    String[] local = f[1].split(":");
                    sockets.add(new Socket(address(local[0]), Integer.parseInt(local[1], 16)));
                }
            }
        }
        return sockets;
    }

    /** /proc's hex address: four little-endian 32-bit words (IPv6) or one (IPv4); IPv4-mapped IPv6 as IPv4. */
    static String address(String hex) {
        if (hex.length() == 8) {
            return ipv4(hex);
        }
        if (hex.startsWith("0000000000000000FFFF0000")) {
            return ipv4(hex.substring(24));
        }
        StringBuilder v6 = new StringBuilder();
        for (int word = 0; word < 4; word++) {
            String w = hex.substring(word * 8, word * 8 + 8);
            String be = w.substring(6, 8) + w.substring(4, 6) + w.substring(2, 4) + w.substring(0, 2);
            v6.append(v6.length() == 0 ? "" : ":").append(be, 0, 4).append(':').append(be, 4, 8);
        }
        String text = v6.toString().toLowerCase();
        return text.equals("0000:0000:0000:0000:0000:0000:0000:0000") ? "::" : text;
    }

    private static String ipv4(String hex) {
        long value = Long.parseLong(hex, 16);
        return (value & 0xff) + "." + ((value >> 8) & 0xff) + "." + ((value >> 16) & 0xff) + "." + ((value >> 24) & 0xff);
    }
}
