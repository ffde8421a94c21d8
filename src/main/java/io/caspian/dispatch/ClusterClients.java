package io.caspian.dispatch;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.Serializable;
import java.time.Duration;

/** Opens a fabric8 client for a cluster, given the kubeconfig context of its registration record. */
@FunctionalInterface
public interface ClusterClients extends Serializable {

    KubernetesClient connect(String kubeconfigContext);

    /** The kubeconfig of the task's environment ({@code KUBECONFIG}, ~/.kube/config, or in-cluster). */
    static ClusterClients kubeconfig(Duration requestTimeout) {
        return context -> new KubernetesClientBuilder().withConfig(withoutClientRetries(
                withTimeout(Config.autoConfigure(context), requestTimeout))).build();
    }

    /** {@code kubernetes.request-timeout} for each request and for opening its connection. */
    static Config withTimeout(Config config, Duration requestTimeout) {
        int timeoutMillis = (int) requestTimeout.toMillis();
        config.setRequestTimeout(timeoutMillis);
        config.setConnectionTimeout(timeoutMillis);
        return config;
    }

    /**
     * Turns off the client's own silent retries: {@link Retry} retries instead, so that every
     * attempt is counted and a failure is reported with the number of attempts it took.
     */
    static Config withoutClientRetries(Config config) {
        config.setRequestRetryBackoffLimit(0);
        return config;
    }
}
