package io.servicegrade.webhook;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which receivers a webhook may be sent to (issue 19), a pure rule so the subscription's check and each attempt's
 * check are the one rule: an absolute https URL; never an address of this machine or of a private network (a
 * subscription must not make the server call what only it can reach: SSRF). With {@code allowInsecure} (tests, a
 * receiver beside the server) a plain-http or https receiver on a loopback address is allowed too.
 */
final class Receivers {

    /** Why a URL is refused: its kind, and the host it names. */
    record Refusal(String kind, String host) {
    }

    static final String NOT_A_URL = "url";
    static final String INSECURE = "insecure";
    static final String PRIVATE = "private";
    static final String UNRESOLVED = "unresolved";

    private Receivers() {
    }

    /** The URL as a URI, or null when it is not an absolute http(s) URL with a host and no user information. */
    static URI parse(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null
                    || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
                return null;
            }
            return uri;
        } catch (Exception e) {
            return null;
        }
    }

    /** Whether the URL is refused before its host is resolved (its form, its scheme); null when it may go on. */
    static Refusal form(String url, boolean allowInsecure) {
        URI uri = parse(url);
        if (uri == null) {
            return new Refusal(NOT_A_URL, null);
        }
        if (uri.getScheme().equalsIgnoreCase("http") && !allowInsecure) {
            return new Refusal(INSECURE, uri.getHost());
        }
        return null;
    }

    /** Whether the URL is refused, given the addresses its host resolves to; null when it may be called. */
    static Refusal check(String url, List<InetAddress> addresses, boolean allowInsecure) {
        Refusal form = form(url, allowInsecure);
        if (form != null) {
            return form;
        }
        URI uri = parse(url);
        if (addresses.isEmpty()) {
            return new Refusal(UNRESOLVED, uri.getHost());
        }
        boolean http = uri.getScheme().equalsIgnoreCase("http");
        for (InetAddress address : addresses) {
            boolean loopback = address.isLoopbackAddress();
            if (loopback && allowInsecure) {
                continue;
            }
            if (http || loopback || internal(address)) {
                return new Refusal(http && !loopback && !internal(address) ? INSECURE : PRIVATE, uri.getHost());
            }
        }
        return null;
    }

    /** Any address but a public one: this machine's, a private network's, link-local (cloud metadata), multicast. */
    static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            // unique local fc00::/7, and IPv4-mapped addresses judged as the IPv4 address they carry
            if ((b[0] & 0xfe) == 0xfc) {
                return true;
            }
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return internal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (Exception e) {
                    return true;
                }
            }
            return false;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        // 0/8 "this network", 100.64/10 carrier-grade NAT, 198.18/15 benchmarking
        return first == 0 || first == 100 && second >= 64 && second < 128 || first == 198 && (second & 0xfe) == 18;
    }
}
