package io.caspian.functions;

import io.caspian.events.Cluster;
import io.caspian.scheduling.Domains;
import java.util.HashMap;
import java.util.Map;

/**
 * What a domain's rounds make of a zone's readings, from the clusters registered in every domain: a zone
 * with no cluster is unknown; one with clusters of other domains only is theirs to track; and of the
 * domains with a cluster in a zone, the first by name reports its forecast errors, so that each is
 * counted once. Built once from the cluster map and asked for each reading, rather than scanning every
 * cluster per reading; a round builds it again after a cluster registration changes the map.
 */
final class ZoneRoles {

    /** A zone with clusters: whether this domain has one there, and whether it reports the zone's forecast errors. */
    record Role(boolean own, boolean reportsForecasts) {}

    private final Map<String, Role> roles;

    private ZoneRoles(Map<String, Role> roles) {
        this.roles = roles;
    }

    static ZoneRoles of(Map<String, Cluster> clusters, Domains domains, String domain) {
        Map<String, String> firstDomain = new HashMap<>();
        Map<String, Boolean> own = new HashMap<>();
        for (Cluster cluster : clusters.values()) {
            String zone = cluster.geolocation();
            String of = domains.of(cluster.name());
            firstDomain.merge(zone, of, (a, b) -> a.compareTo(b) <= 0 ? a : b);
            own.merge(zone, of.equals(domain), Boolean::logicalOr);
        }
        Map<String, Role> roles = new HashMap<>();
        firstDomain.forEach((zone, first) -> roles.put(zone, new Role(own.get(zone), first.equals(domain))));
        return new ZoneRoles(roles);
    }

    /** The zone's role, or null when no cluster of any domain is in it. */
    Role of(String zone) {
        return roles.get(zone);
    }
}
