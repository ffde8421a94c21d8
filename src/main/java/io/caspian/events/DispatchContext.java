package io.caspian.events;

/**
 * What the dispatch path learns by broadcast: a cluster's registration (its kubeconfig context) or a
 * policy document (the image allowlist a placement's policy version names). Exactly one is set.
 */
public record DispatchContext(Cluster cluster, PolicyDocument policy) {

    public static DispatchContext of(Cluster cluster) {
        return new DispatchContext(cluster, null);
    }

    public static DispatchContext of(PolicyDocument policy) {
        return new DispatchContext(null, policy);
    }
}
