package io.caspian.notebooks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A PNG file as far as the notebook test needs it: its size in bytes and pixels and its text chunks
 * ({@code tEXt}: a Latin-1 keyword, a zero byte, Latin-1 text), where the notebooks record what makes
 * each figure legible.
 */
record PngFigure(long bytes, int width, int height, Map<String, String> texts) {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** Reads the file; fails when it is not a PNG. */
    static PngFigure read(Path file) throws IOException {
        ByteBuffer png = ByteBuffer.wrap(Files.readAllBytes(file)); // big-endian, as PNG is
        byte[] signature = new byte[SIGNATURE.length];
        png.get(signature);
        if (!Arrays.equals(signature, SIGNATURE)) {
            throw new IOException(file + " is not a PNG (no PNG signature)");
        }
        int width = -1;
        int height = -1;
        Map<String, String> texts = new HashMap<>();
        while (png.remaining() >= 12) {
            int length = png.getInt();
            byte[] type = new byte[4];
            png.get(type);
            byte[] data = new byte[length];
            png.get(data);
            png.getInt(); // CRC
            String chunk = new String(type, StandardCharsets.US_ASCII);
            if (chunk.equals("IHDR")) {
                ByteBuffer header = ByteBuffer.wrap(data);
                width = header.getInt();
                height = header.getInt();
            } else if (chunk.equals("tEXt")) {
                String text = new String(data, StandardCharsets.ISO_8859_1);
                int separator = text.indexOf('\0');
                texts.put(text.substring(0, separator), text.substring(separator + 1));
            }
        }
        if (width < 0) {
            throw new IOException(file + " has no IHDR chunk");
        }
        return new PngFigure(png.capacity(), width, height, texts);
    }
}
