package org.webcare4j.testkit.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ServerSocketFactory;

/**
 * Server sockets with Nagle's algorithm off: MockWebServer writes headers and body separately,
 * and with Nagle on each answer waits for the client's delayed ACK (about 40 ms).
 */
public final class NoDelayServerSocketFactory extends ServerSocketFactory {

  private static ServerSocket bound(InetSocketAddress address, int backlog) throws IOException {
    ServerSocket s = new ServerSocket() {
      @Override
      public Socket accept() throws IOException {
        Socket socket = super.accept();
        socket.setTcpNoDelay(true);
        return socket;
      }
    };
    if (address != null) {
      s.bind(address, backlog);
    }
    return s;
  }

  @Override
  public ServerSocket createServerSocket() throws IOException {
    return bound(null, 0);
  }

  @Override
  public ServerSocket createServerSocket(int port) throws IOException {
    return bound(new InetSocketAddress(port), 50);
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog) throws IOException {
    return bound(new InetSocketAddress(port), backlog);
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog, InetAddress address)
      throws IOException {
    return bound(new InetSocketAddress(address, port), backlog);
  }
}
