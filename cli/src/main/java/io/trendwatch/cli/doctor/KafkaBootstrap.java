package io.trendwatch.cli.doctor;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** The addresses in a Kafka bootstrap list ({@code host:port,host:port}). */
final class KafkaBootstrap {

    private KafkaBootstrap() {
    }

    static List<InetSocketAddress> parse(String servers) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String part : servers.split(",")) {
            String p = part.strip();
            int colon = p.lastIndexOf(':');
            if (colon > 0) {
                try {
                    out.add(InetSocketAddress.createUnresolved(p.substring(0, colon), Integer.parseInt(p.substring(colon + 1))));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("cannot read Kafka bootstrap server '" + p + "', expected host:port");
                }
            }
        }
        return out;
    }
}
