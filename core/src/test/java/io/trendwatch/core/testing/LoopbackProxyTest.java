package io.trendwatch.core.testing;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The proxy's promise to the fault tests: once cut, nothing gets through it, however busy connecting clients are. */
class LoopbackProxyTest {

    @Test
    void noConnectionCarriesTrafficAfterACutEvenOneMadeDuringIt() throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread server = daemon(() -> {
                while (!echo.isClosed()) {
                    try {
                        Socket s = echo.accept();
                        daemon(() -> {
                            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                                in.transferTo(out);
                            } catch (IOException ignored) {
                                // the proxy ended it
                            }
                        });
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            try (LoopbackProxy proxy = LoopbackProxy.to("127.0.0.1:" + echo.getLocalPort())) {
                int port = Integer.parseInt(proxy.address().substring(proxy.address().lastIndexOf(':') + 1));
                for (int round = 0; round < 30; round++) {
                    List<Socket> made = new CopyOnWriteArrayList<>();
                    AtomicBoolean connecting = new AtomicBoolean(true);
                    List<Thread> clients = List.of(daemon(() -> connectWhile(connecting, port, made)),
                            daemon(() -> connectWhile(connecting, port, made)));
                    Thread.sleep(20);
                    proxy.cut();
                    connecting.set(false);
                    for (Thread c : clients) {
                        c.join();
                    }
                    Thread.sleep(50);   // a connection accepted before the cut finishes registering
                    assertThat(made).as("clients got through before the cut").isNotEmpty();
                    for (Socket s : made) {
                        assertThat(echoes(s)).as("a connection made through the proxy still echoes after the cut (round %d)", round)
                                .isFalse();
                        s.close();
                    }
                    proxy.restore();
                    try (Socket back = new Socket(InetAddress.getLoopbackAddress(), port)) {
                        assertThat(echoes(back)).as("the service is back after restore").isTrue();
                    }
                }
            }
            echo.close();
            server.join();
        }
    }

    private static void connectWhile(AtomicBoolean connecting, int port, List<Socket> made) {
        while (connecting.get()) {
            Socket s = new Socket();
            try {
                // a short timeout: a full accept queue drops the connect, and a retried SYN waits a second
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
                made.add(s);
            } catch (IOException refusedOrDropped) {
                closeQuietly(s);
            }
        }
    }

    private static boolean echoes(Socket s) {
        try {
            s.setSoTimeout(1_000);
            s.getOutputStream().write(42);
            s.getOutputStream().flush();
            return s.getInputStream().read() == 42;
        } catch (SocketException reset) {
            return false;
        } catch (IOException timedOutOrClosed) {
            return false;
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // never connected
        }
    }

    private static Thread daemon(Runnable work) {
        Thread t = new Thread(work);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
