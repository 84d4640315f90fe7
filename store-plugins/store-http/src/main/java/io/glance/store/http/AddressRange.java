package io.glance.store.http;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static java.util.Objects.requireNonNull;

/** An IP address or a CIDR block ({@code 10.0.0.0/8}, {@code fd00::/8}) from the host policy options. */
record AddressRange(byte[] network, int prefixLength) {

    AddressRange {
        requireNonNull(network, "network is null");
    }

    /** Parses {@code text} when it is an IP literal or CIDR block; returns null for host names. */
    static AddressRange parseOrNull(String text) {
        String address = text;
        int prefix = -1;
        int slash = text.indexOf('/');
        if (slash >= 0) {
            address = text.substring(0, slash);
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' has no valid prefix length");
            }
        }
        if (!isIpLiteral(address)) {
            if (slash >= 0) {
                throw new IllegalArgumentException("'" + text + "' is not an IP address block");
            }
            return null;
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
        int bits = bytes.length * 8;
        if (prefix < 0) {
            prefix = bits;
        }
        if (prefix > bits) {
            throw new IllegalArgumentException("'" + text + "' has a prefix longer than " + bits + " bits");
        }
        return new AddressRange(bytes, prefix);
    }

    boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (candidate[full] & mask) == (network[full] & mask);
    }

    static boolean isIpLiteral(String host) {
        return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }
}
