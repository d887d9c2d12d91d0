/**
 * Connections that carry protocol messages: addresses, framing, and the transports over TCP
 * and Unix domain sockets; knows nothing about actors.
 *
 * <p>A transport ({@link io.jtractor.internal.ipc.MsgTransport}) writes each
 * {@link io.jtractor.internal.msg.Msg} as one frame, the layout drawn in
 * {@link io.jtractor.internal.msg}, and reads frames with a
 * {@link io.jtractor.internal.ipc.FrameReader}. Every failure that ends a connection is a
 * {@link io.jtractor.internal.ipc.TransportClosedException}; a frame whose body is not a valid
 * message is a {@link io.jtractor.internal.msg.MalformedMessageException} and ends nothing.
 */
package io.jtractor.internal.ipc;
