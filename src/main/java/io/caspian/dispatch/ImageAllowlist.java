package io.caspian.dispatch;

import java.io.Serializable;
import java.util.List;

/**
 * The container images the dispatcher may run on the clusters ({@code kubernetes.image-allowlist}).
 * Each entry is matched against the image exactly as the workload spells it, without normalising
 * ({@code python:3.11-slim} and {@code docker.io/library/python:3.11-slim} are different strings):
 *
 * <ul>
 *   <li>{@code registry.example.com/ml/} (ends with {@code /}): every image under that path;
 *   <li>{@code registry.example.com/ml/trainer:*} (ends with {@code *}): every image whose reference
 *       starts with what precedes the {@code *};
 *   <li>anything else: that image reference only, e.g. {@code python:3.11-slim} or a digest.
 * </ul>
 *
 * A {@code *} anywhere but at the end is refused when the configuration is read. An empty list allows
 * no image at all: dispatch fails closed until an operator says what may run. A plain prefix such as
 * {@code registry.example.com/ml} is exact on purpose, so that it cannot also admit
 * {@code registry.example.com/ml-untrusted/...}.
 */
public record ImageAllowlist(List<String> entries) implements Serializable {

    public ImageAllowlist {
        entries = List.copyOf(entries);
        for (String entry : entries) {
            if (entry == null || entry.isBlank()) {
                throw new IllegalArgumentException("an image allowlist entry must not be empty");
            }
            if (entry.strip().length() != entry.length() || entry.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("image allowlist entry '" + entry + "' contains whitespace");
            }
            int star = entry.indexOf('*');
            if (star >= 0 && star != entry.length() - 1) {
                throw new IllegalArgumentException("image allowlist entry '" + entry
                        + "' has a '*' before its end; only a trailing '*' (prefix) is supported");
            }
            if (entry.equals("*")) {
                throw new IllegalArgumentException("image allowlist entry '*' would allow every image; list the"
                        + " registries or repositories that may run instead");
            }
        }
    }

    public static ImageAllowlist of(String... entries) {
        return new ImageAllowlist(List.of(entries));
    }

    public boolean allows(String image) {
        if (image == null) {
            return false;
        }
        for (String entry : entries) {
            if (entry.endsWith("*")) {
                if (image.startsWith(entry.substring(0, entry.length() - 1))) {
                    return true;
                }
            } else if (entry.endsWith("/") ? image.startsWith(entry) : image.equals(entry)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return entries.isEmpty() ? "[] (empty: no image may run)" : entries.toString();
    }
}
