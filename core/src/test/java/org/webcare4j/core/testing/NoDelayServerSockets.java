package org.webcare4j.core.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ServerSocketFactory;

/**
 * Server sockets whose connections have Nagle's algorithm off, for simulators on MockWebServer:
 * it writes response headers and body separately, and with Nagle on every answer waited 40 ms
 * for the client's delayed ACK (44 ms per request instead of 0.8 ms, measured).
 */
public final class NoDelayServerSockets extends ServerSocketFactory {

  private static ServerSocket create() throws IOException {
    return new ServerSocket() {
      @Override
      public Socket accept() throws IOException {
        Socket socket = super.accept();
        socket.setTcpNoDelay(true);
        return socket;
      }
    };
  }

  @Override
  public ServerSocket createServerSocket() throws IOException {
    return create();
  }

  @Override
  public ServerSocket createServerSocket(int port) throws IOException {
    ServerSocket s = create();
    s.bind(new InetSocketAddress(port));
    return s;
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog) throws IOException {
    ServerSocket s = create();
    s.bind(new InetSocketAddress(port), backlog);
    return s;
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog, InetAddress address)
      throws IOException {
    ServerSocket s = create();
    s.bind(new InetSocketAddress(address, port), backlog);
    return s;
  }
}
