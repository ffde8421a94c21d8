package io.caspian.sinks.elasticsearch;

import io.caspian.config.CaspianConfig;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;
import org.apache.http.Header;
import org.apache.http.message.BasicHeader;

/**
 * Authentication read from the environment at the moment the client is built (on the task manager),
 * so no secret travels in the job graph or appears in a log: an API key if its variable is set, else
 * basic auth if the username variable is set, else none.
 */
public final class ElasticsearchAuth {

    private final String method;
    private final Header header;

    private ElasticsearchAuth(String method, Header header) {
        this.method = method;
        this.header = header;
    }

    public static ElasticsearchAuth fromEnvironment(CaspianConfig.Elasticsearch config, Function<String, String> environment) {
        String apiKey = environment.apply(config.apiKeyEnv());
        if (apiKey != null && !apiKey.isBlank()) {
            return new ElasticsearchAuth("api key from $" + config.apiKeyEnv(),
                    new BasicHeader("Authorization", "ApiKey " + apiKey.trim()));
        }
        String username = environment.apply(config.usernameEnv());
        if (username != null && !username.isBlank()) {
            String password = environment.apply(config.passwordEnv());
            if (password == null) {
                throw new IllegalStateException("$" + config.usernameEnv() + " is set but $" + config.passwordEnv() + " is not");
            }
            String token = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
            return new ElasticsearchAuth("basic auth from $" + config.usernameEnv() + "/$" + config.passwordEnv(),
                    new BasicHeader("Authorization", "Basic " + token));
        }
        return new ElasticsearchAuth("none", null);
    }

    /** The header to send, if any. */
    public Optional<Header> header() {
        return Optional.ofNullable(header);
    }

    /** Says which method is used and where it came from, never the secret. */
    @Override
    public String toString() {
        return method;
    }
}
