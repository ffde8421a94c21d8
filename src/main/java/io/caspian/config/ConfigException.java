package io.caspian.config;

/** A setting that is missing or malformed; the message names the key and what was wrong. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
