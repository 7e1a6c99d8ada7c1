/**
 * asyncio's networking on the loop: the low-level {@link io.jasyncio.net.Transport} and
 * {@link io.jasyncio.net.Protocol} pairs, the high-level streams, servers and subprocesses.
 *
 * <dl>
 *   <dt>Transports and protocols</dt>
 *   <dd>A {@link io.jasyncio.net.Transport} (a TCP socket, a pipe, a datagram socket, TLS over
 *       another transport) moves bytes and calls its {@link io.jasyncio.net.Protocol}
 *       ({@link io.jasyncio.net.BufferedProtocol}, {@link io.jasyncio.net.DatagramProtocol})
 *       on the loop's thread. {@link io.jasyncio.net.Transports} opens connections and
 *       servers.</dd>
 *   <dt>Streams</dt>
 *   <dd>{@link io.jasyncio.net.Streams} opens a connection as a
 *       {@link io.jasyncio.net.StreamReader} and {@link io.jasyncio.net.StreamWriter} pair, and
 *       starts a {@link io.jasyncio.net.Server} that hands each connection to a
 *       {@link io.jasyncio.net.ConnectionHandler}.</dd>
 *   <dt>Subprocesses</dt>
 *   <dd>{@link io.jasyncio.net.Subprocess}: a child process with its pipes as streams.</dd>
 *   <dt>Errors</dt>
 *   <dd>Python's names for what can go wrong on a connection:
 *       {@link io.jasyncio.net.ConnectionError} and its kinds,
 *       {@link io.jasyncio.net.IncompleteReadError}, {@link io.jasyncio.net.LimitOverrunError}.</dd>
 * </dl>
 * The threading rule of {@link io.jasyncio} holds here too: a transport, a stream or a server
 * is used on its loop's thread.
 */
package io.jasyncio.net;
